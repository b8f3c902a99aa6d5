// Availability per service against its target, on echarts; loaded lazily with the reports screen.
import { BarChart as Bars, ScatterChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';
import { useEffect, useRef } from 'react';

echarts.use([Bars, ScatterChart, GridComponent, LegendComponent, TooltipComponent, SVGRenderer]);

export interface AvailabilityBar {
  readonly name: string;
  /** Percent, 0–100; null when nothing was measured. */
  readonly availability: number | null;
  /** Percent, 0–100; null without a target. */
  readonly target: number | null;
  readonly achieved: boolean | null;
}

const MET = '#1f6e35';
const MISSED = '#a61e1e';
const UNKNOWN = '#868e96';

/** The lowest value the axis shows: a little below the worst figure, so 99.5 and 99.9 do not look alike. */
function axisMin(bars: readonly AvailabilityBar[]): number {
  const values = bars.flatMap((b) => [b.availability, b.target]).filter((v): v is number => v !== null);
  const low = Math.min(100, ...values);
  return Math.max(0, Math.floor(low - Math.max(0.5, (100 - low) * 0.5)));
}

export default function AvailabilityChart({
  bars,
  label,
  availabilityLabel,
  targetLabel,
  locale,
}: {
  readonly bars: readonly AvailabilityBar[];
  /** What a screen reader hears for the whole chart. */
  readonly label: string;
  readonly availabilityLabel: string;
  readonly targetLabel: string;
  readonly locale: string;
}) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!ref.current) return;
    const chart = echarts.init(ref.current, undefined, { renderer: 'svg' });
    const percent = new Intl.NumberFormat(locale, { maximumFractionDigits: 3 });
    chart.setOption({
      animation: false,
      grid: { left: 56, right: 16, top: 32, bottom: 48, containLabel: false },
      legend: { top: 0, data: [availabilityLabel, targetLabel] },
      tooltip: {
        trigger: 'axis',
        valueFormatter: (v: unknown) => (typeof v === 'number' ? `${percent.format(v)} %` : '—'),
      },
      xAxis: {
        type: 'category',
        data: bars.map((b) => b.name),
        axisLabel: { interval: 0, overflow: 'truncate', width: 120 },
      },
      yAxis: {
        type: 'value',
        min: axisMin(bars),
        max: 100,
        axisLabel: { formatter: (v: number) => `${percent.format(v)} %` },
      },
      series: [
        {
          name: availabilityLabel,
          type: 'bar',
          barMaxWidth: 48,
          data: bars.map((b) => ({
            value: b.availability,
            itemStyle: { color: b.achieved === null ? UNKNOWN : b.achieved ? MET : MISSED },
          })),
        },
        {
          name: targetLabel,
          type: 'scatter',
          symbol: 'rect',
          symbolSize: [56, 3],
          itemStyle: { color: '#1a1b1e' },
          data: bars.map((b) => b.target),
        },
      ],
      aria: { enabled: true },
    });
    const resize = (): void => chart.resize();
    window.addEventListener('resize', resize);
    return () => {
      window.removeEventListener('resize', resize);
      chart.dispose();
    };
  }, [bars, label, availabilityLabel, targetLabel, locale]);
  return <div ref={ref} role="img" aria-label={label} style={{ width: '100%', height: 260 }} />;
}
