// A small bar chart on echarts; loaded lazily so the first page stays light.
import { BarChart as Bars } from 'echarts/charts';
import { GridComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';
import { useEffect, useRef } from 'react';

echarts.use([Bars, GridComponent, TooltipComponent, SVGRenderer]);

export default function BarChart({
  labels,
  values,
  label,
}: {
  readonly labels: readonly string[];
  readonly values: readonly number[];
  readonly label: string;
}) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!ref.current) return;
    const chart = echarts.init(ref.current, undefined, { renderer: 'svg' });
    chart.setOption({
      animation: false,
      grid: { left: 32, right: 8, top: 8, bottom: 24 },
      tooltip: { trigger: 'axis' },
      xAxis: { type: 'category', data: [...labels] },
      yAxis: { type: 'value', minInterval: 1 },
      series: [{ type: 'bar', data: [...values], itemStyle: { color: '#1864ab' } }],
      aria: { enabled: true },
    });
    const resize = (): void => chart.resize();
    window.addEventListener('resize', resize);
    return () => {
      window.removeEventListener('resize', resize);
      chart.dispose();
    };
  }, [labels, values]);
  return <div ref={ref} role="img" aria-label={label} style={{ width: '100%', height: 220 }} />;
}
