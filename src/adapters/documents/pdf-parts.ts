// Building blocks shared by the PDF documents: page setup, styles, headings, tables and the footer.
import type { Content, DocDefinition } from 'pdfmake';

export const ACCENT = '#4c6ef5';
const MUTED = '#6c757d';
const RULE = '#dee2e6';
const HEAD_FILL = '#f1f3f5';

/** A4 with 40 pt margins leaves 515 pt for content. */
export const CONTENT_WIDTH = 515;

export const STYLES = {
  title: { fontSize: 18, bold: true, margin: [0, 0, 0, 4] },
  h2: { fontSize: 12, bold: true, color: '#212529', margin: [0, 14, 0, 6] },
  h3: { fontSize: 10, bold: true, margin: [0, 8, 0, 4] },
  meta: { fontSize: 9, color: MUTED, margin: [0, 0, 0, 8] },
  small: { fontSize: 8, color: MUTED },
  th: { bold: true, fontSize: 8.5 },
  td: { fontSize: 8.5 },
};

export const heading = (text: string, style: 'h2' | 'h3' = 'h2'): Content => ({ text, style });

export const paragraph = (text: string, extra: Record<string, unknown> = {}): Content => ({
  text,
  fontSize: 9.5,
  margin: [0, 0, 0, 6],
  ...extra,
});

/** A table with a shaded header row, or a line of text when there are no rows. */
export function table(
  headers: readonly string[],
  rows: readonly (readonly string[])[],
  empty: string,
  widths?: readonly (string | number)[],
  fontSize?: number,
): Content {
  if (rows.length === 0) return { text: empty, style: 'small', margin: [0, 0, 0, 6] };
  return {
    table: {
      headerRows: 1,
      keepWithHeaderRows: 1,
      widths: widths ?? headers.map(() => '*'),
      body: [
        headers.map((h) => ({
          text: h,
          style: 'th',
          fillColor: HEAD_FILL,
          ...(fontSize ? { fontSize } : {}),
        })),
        ...rows.map((r) => r.map((c) => ({ text: c, style: 'td', ...(fontSize ? { fontSize } : {}) }))),
      ],
    },
    layout: {
      hLineWidth: () => 0.5,
      vLineWidth: () => 0,
      hLineColor: () => RULE,
      paddingTop: () => 3,
      paddingBottom: () => 3,
    },
    margin: [0, 0, 0, 8],
  };
}

/** A highlighted box, used for the report's summary. */
export const callout = (text: string): Content => ({
  table: { widths: ['*'], body: [[{ text, fontSize: 11, margin: [6, 6, 6, 6] }]] },
  layout: {
    hLineWidth: () => 0,
    vLineWidth: (i: number) => (i === 0 ? 3 : 0),
    vLineColor: () => ACCENT,
    fillColor: () => HEAD_FILL,
  },
  margin: [0, 6, 0, 10],
});

/** An A4 document with Roboto, the shared styles and a footer line "left · page n of m". */
export function document(
  title: string,
  content: Content,
  footerLeft: string,
  lang: 'de' | 'en',
  options: { readonly pageMargins?: readonly number[] } = {},
): DocDefinition {
  const of = lang === 'de' ? 'Seite' : 'Page';
  const from = lang === 'de' ? 'von' : 'of';
  return {
    info: { title, creator: 'Pledge', producer: 'Pledge' },
    pageSize: 'A4',
    pageMargins: options.pageMargins ?? [40, 40, 40, 48],
    defaultStyle: { font: 'Roboto', fontSize: 9.5 },
    styles: STYLES,
    footer: (page: number, pages: number): Content => ({
      columns: [
        { text: footerLeft, style: 'small' },
        { text: `${of} ${page} ${from} ${pages}`, style: 'small', alignment: 'right' },
      ],
      margin: [40, 16, 40, 0],
    }),
    content,
  };
}
