// One ECharts instance per chart, SVG renderer (crisp at any zoom, exportable as SVG), tree-shaken
// to the chart types the dashboard draws. Resizes with its box; clicks go to `onClick`.
import { useEffect, useRef } from 'react';
import { BarChart, LineChart, PieChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';

echarts.use([BarChart, LineChart, PieChart, GridComponent, LegendComponent, TooltipComponent, SVGRenderer]);

export type ChartOption = echarts.EChartsCoreOption;
export type ChartHandle = { svg: () => string };

interface Props {
  option: ChartOption;
  height: number;
  label: string;
  onClick?: (p: { name: string; dataIndex: number; seriesIndex?: number; data?: unknown }) => void;
  /** Receives the export handle once the chart exists. */
  handle?: (h: ChartHandle | null) => void;
  testId?: string;
}

export function EChart({ option, height, label, onClick, handle, testId }: Props) {
  const box = useRef<HTMLDivElement>(null);
  const chart = useRef<echarts.ECharts | null>(null);

  useEffect(() => {
    const c = echarts.init(box.current!, undefined, { renderer: 'svg' });
    chart.current = c;
    handle?.({ svg: () => c.renderToSVGString() });
    const ro = new ResizeObserver(() => c.resize());
    ro.observe(box.current!);
    return () => {
      ro.disconnect();
      handle?.(null);
      c.dispose();
      chart.current = null;
    };
  }, [handle]);

  useEffect(() => {
    chart.current?.setOption(option, { notMerge: true });
  }, [option]);

  useEffect(() => {
    const c = chart.current;
    if (!c || !onClick) return;
    const h = (p: unknown) => onClick(p as { name: string; dataIndex: number });
    c.on('click', h);
    return () => { c.off('click', h); };
  }, [onClick]);

  return <div ref={box} style={{ height }} role="img" aria-label={label} data-testid={testId} className="echart" />;
}
