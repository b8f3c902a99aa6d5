// The report's charts as SVG, drawn server-side by echarts (no browser, no canvas) for pdfmake to embed.
import { BarChart } from 'echarts/charts';
import { GridComponent, LegendComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';
import { ACCENT } from './pdf-parts.ts';

echarts.use([BarChart, GridComponent, LegendComponent, SVGRenderer]);

/** One bar and the target it is measured against, both as fractions. */
export interface ChartBar {
  readonly label: string;
  readonly value: number | null;
  readonly target: number | null;
}

const TARGET_COLOUR = '#adb5bd';
const MISSED_COLOUR = '#e03131';
const ROW_HEIGHT = 26;
const CHROME_HEIGHT = 56;
/** A chart of more bars than this would not fit on a page; the caller picks which bars to draw. */
export const MAX_BARS = 20;

/** The lower end of the value axis: a little below the lowest figure, so that 99.2 and 99.9 differ visibly. */
function axisMin(bars: readonly ChartBar[]): number {
  const values = bars.flatMap((b) => [b.value, b.target]).filter((v): v is number => v !== null);
  const lowest = Math.min(100, ...values.map((v) => v * 100));
  return Math.max(0, Math.floor(lowest - Math.max(1, (100 - lowest) * 0.25)));
}

/**
 * Horizontal bars, one per row with its target beside it; bars below their target are red. The text is
 * drawn in Roboto so that pdfmake embeds the font it already has.
 */
export function barChartSvg(
  bars: readonly ChartBar[],
  names: { readonly value: string; readonly target: string },
  width: number,
  format: (share: number) => string,
): string {
  const shown = bars.slice(0, MAX_BARS);
  const height = CHROME_HEIGHT + ROW_HEIGHT * shown.length;
  const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, width, height });
  const pct = (v: number | null): number | null => (v === null ? null : Math.round(v * 100_000) / 1000);
  chart.setOption({
    animation: false,
    textStyle: { fontFamily: 'Roboto', fontSize: 10 },
    legend: {
      top: 0,
      left: 'center',
      data: [names.value, names.target],
      textStyle: { fontFamily: 'Roboto' },
    },
    grid: {
      left: 8,
      right: 56,
      top: 28,
      bottom: 8,
      outerBoundsMode: 'same',
      outerBoundsContain: 'axisLabel',
    },
    xAxis: { type: 'value', min: axisMin(shown), max: 100, axisLabel: { formatter: '{value} %' } },
    yAxis: { type: 'category', inverse: true, data: shown.map((b) => b.label) },
    series: [
      {
        name: names.value,
        type: 'bar',
        color: ACCENT,
        barGap: '10%',
        data: shown.map((b) => ({
          value: pct(b.value),
          itemStyle: {
            color: b.value !== null && b.target !== null && b.value < b.target ? MISSED_COLOUR : ACCENT,
          },
        })),
        label: {
          show: true,
          position: 'right',
          fontFamily: 'Roboto',
          color: '#212529',
          // PDFKit's SVG import ignores paint-order, so echarts' white halo would cover the text.
          textBorderWidth: 0,
          formatter: (p: { dataIndex: number }) => {
            const v = shown[p.dataIndex]?.value;
            return v === null || v === undefined ? '' : format(v);
          },
        },
      },
      { name: names.target, type: 'bar', color: TARGET_COLOUR, data: shown.map((b) => pct(b.target)) },
    ],
  });
  const svg = chart.renderToSVGString();
  chart.dispose();
  return svg;
}
