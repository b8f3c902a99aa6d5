// The part of pdfmake 0.3 (server build, js/index.js) that Pledge uses; the package ships no types.
declare module 'pdfmake' {
  /** A pdfmake content node: text, a list of nodes, or an object such as { table }, { svg }, { columns }. */
  export type Content = string | readonly Content[] | { readonly [key: string]: unknown };

  export interface DocDefinition {
    readonly content: Content;
    readonly [key: string]: unknown;
  }

  export interface FontFiles {
    readonly normal: string;
    readonly bold: string;
    readonly italics: string;
    readonly bolditalics: string;
  }

  export interface PdfMake {
    setFonts(fonts: Readonly<Record<string, FontFiles>>): void;
    setUrlAccessPolicy(allow: (url: string) => boolean): void;
    setLocalAccessPolicy(allow: (path: string) => boolean): void;
    createPdf(doc: DocDefinition): { getBuffer(): Promise<Uint8Array> };
  }

  const pdfmake: PdfMake;
  export default pdfmake;
}
