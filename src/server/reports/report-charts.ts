// The report's charts, drawn on the server: ECharts server-side rendering to an SVG string (no DOM,
// no canvas). The HTML embeds the SVG inline (so Chromium prints it as vectors); the DOCX gets the
// same SVG with a PNG fallback (render-docx.ts). Text uses the CJK font the pages use.
import { BarChart, LineChart } from 'echarts/charts';
import { GridComponent, LegendComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';
import type { ChartBlock } from './report-data.ts';

echarts.use([BarChart, LineChart, GridComponent, LegendComponent, SVGRenderer]);

export const CHART_WIDTH = 640;
// Single quotes: ECharts writes the family into a double-quoted style attribute without escaping.
export const CHART_FONT = "'Noto Sans CJK SC', 'Noto Serif CJK SC', sans-serif";

const axisNumber = (percent: boolean) => (v: number) => (percent ? `${Math.round(v * 100)}%` : String(v));

/** One chart as a standalone SVG document (width CHART_WIDTH, the block's height). */
export function chartSvg(c: ChartBlock): string {
  const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, width: CHART_WIDTH, height: c.height });
  try {
    const category = { type: 'category' as const, data: c.categories, axisLabel: { fontSize: 11, interval: 0, ...(c.horizontal ? {} : { width: 80, overflow: 'break' as const }) }, axisTick: { alignWithLabel: true } };
    const value = {
      type: 'value' as const,
      name: c.unit,
      nameTextStyle: { fontSize: 11, align: c.horizontal ? ('right' as const) : ('center' as const) },
      axisLabel: { fontSize: 10, formatter: axisNumber(Boolean(c.percent)) },
      splitLine: { lineStyle: { color: '#e3e3e3' } },
    };
    chart.setOption({
      animation: false,
      textStyle: { fontFamily: CHART_FONT, color: '#333' },
      legend: c.series.length > 1 ? { top: 0, itemWidth: 14, itemHeight: 10, textStyle: { fontSize: 11 } } : undefined,
      grid: { left: c.horizontal ? 110 : 56, right: 28, top: c.series.length > 1 ? 34 : 26, bottom: c.horizontal ? 24 : 44, containLabel: false },
      xAxis: c.horizontal ? value : category,
      yAxis: c.horizontal ? category : value,
      series: c.series.map((s) => s.type === 'bar'
        ? {
            type: 'bar', name: s.name, data: s.values, itemStyle: { color: s.color }, barMaxWidth: 26,
            label: c.series.filter((x) => x.type === 'bar').length === 1
              ? { show: true, position: c.horizontal ? 'right' : 'top', fontSize: 10, formatter: (p: { value: unknown }) => (typeof p.value === 'number' ? (c.percent ? `${(p.value * 100).toFixed(1)}%` : p.value.toFixed(c.unit === '个' ? 0 : 1)) : '') }
              : undefined,
          }
        : {
            type: 'line', name: s.name, data: s.values, itemStyle: { color: s.color },
            lineStyle: { color: s.color, type: 'dashed', width: s.type === 'marker' ? 0 : 1.5 },
            symbol: s.type === 'marker' ? 'diamond' : 'circle', symbolSize: s.type === 'marker' ? 11 : 6, connectNulls: false,
          }),
    });
    return chart.renderToSVGString();
  } finally {
    chart.dispose();
  }
}
