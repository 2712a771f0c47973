// The content of the periodic monitoring report (issue 12): what the plan asks the bureau to publish,
// built from the data as it stood at a chosen date, in Simplified Chinese (the report's official
// language). Every aggregate comes from the indicator engine (computeIndicators / computeSeries),
// the renovation summary, the targets and the key-city table — never from SQL sums of our own over
// operating_figures or cell_figures (architecture §5, "Rule"). The one exception is the internal
// list of the largest rises and falls of single enterprises' revenue (see `revenueMovers`).
//
// The content is renderer-neutral: sections of blocks (paragraphs, notes, tables of formatted
// cells, chart specs) that render-html.ts and render-docx.ts draw the same way, so the PDF (printed
// from the HTML) and the DOCX say the same numbers.
import { chinaDate, startOfChinaDay } from '../../domain/china-date.ts';
import { EMPTY_FILTER } from '../../domain/enterprise-filter.ts';
import type { IndicatorAnswer, IndicatorRow, Metric } from '../../domain/monitoring/indicators.ts';
import { formatPeriod, monthsOf, parsePeriod, samePeriodLastYear, type Period } from '../../domain/monitoring/periods.ts';
import { clusterByCode, districtByCode, label, taxonomy } from '../../domain/taxonomy.ts';
import type { Database } from '../db/database.ts';
import { periodError } from '../http/errors.ts';
import { CITIES, CITY_INDICATORS, coverageMonths, DENOMINATORS, HOME_CITY, QUALIFIERS, type CityIndicatorDef, type Denominator, type Qualifier } from '../../domain/monitoring/city-indicators.ts';
import { listCityFigureRows, type CityFigureRow } from '../monitoring/city-indicators.ts';
import { computeIndicators, computeSeries, endOfChinaDay } from '../monitoring/indicator-engine.ts';
import { vintageRows } from '../monitoring/indicator-sums.ts';
import { renovationSummary } from '../parks/renovation-summary.ts';
import { changePct, changePoints, dateZh, dateTimeZh, count, DASH, monthLabelZh, mu, pct, periodLabelZh, wan, yi } from './report-format.ts';

export interface ReportRequest { period: string; asOf: string | null; audience: 'internal' | 'public' }

export type Align = 'left' | 'right' | 'center';
/** A table cell: formatted text, optionally with a footnote number (the table's notes, 1-based) and bold. */
export interface TableCell { text: string; note?: number; strong?: boolean }
export type Cell = string | TableCell;

export interface TableBlock {
  kind: 'table';
  caption: string;
  /** The unit line above the table (单位：亿元), when every money column shares it. */
  unit?: string;
  head: string[];
  align: Align[];
  rows: Cell[][];
  /** Footnotes under the table; cells refer to them by number. */
  notes?: string[];
  /** The figures are demo data. */
  demo?: boolean;
}
/** A bar series, a dashed line, or markers only (a target per category). */
export interface ChartSeries { name: string; type: 'bar' | 'line' | 'marker'; values: (number | null)[]; color?: string }
export interface ChartBlock {
  kind: 'chart';
  title: string;
  /** The value axis's name (亿元, %, 个). */
  unit: string;
  categories: string[];
  series: ChartSeries[];
  /** Bars across (long category names), else upright. */
  horizontal?: boolean;
  /** Percent axis: values are fractions. */
  percent?: boolean;
  height: number;
  /** What the chart shows in words (screen readers, the DOCX alt text). */
  alt: string;
  demo?: boolean;
}
export type Block =
  | { kind: 'paragraph'; text: string }
  | { kind: 'heading'; text: string }
  | { kind: 'note'; tone: 'info' | 'warning'; text: string }
  | { kind: 'list'; items: string[] }
  | TableBlock
  | ChartBlock;

export interface ReportSection {
  /** Anchor id (s1 …). */
  id: string;
  /** 一、二、… */
  number: string;
  title: string;
  blocks: Block[];
}

/** One headline figure, raw (yuan, fractions, counts), as the engine answered it. */
export interface HeadlineFigure {
  metric: Metric;
  value: number | null;
  lastYear: number | null;
  change: number | null;
  target: number | null;
  targetYear: number | null;
  attainment: number | null;
  suppressed: boolean;
  demo: boolean;
}

export interface ReportData {
  title: string;
  subtitle: string;
  issuer: string;
  /** The plan the targets come from. */
  plan: string;
  period: string;
  /** 2021年, 2021年1-9月: reports are cumulative from January (累计). */
  periodLabel: string;
  audience: ReportRequest['audience'];
  audienceLabel: string;
  vintage: {
    /** The data as it stood at the end of this China day (YYYY-MM-DD); null = as generated. */
    asOf: string | null;
    /** The latest month with figures in that vintage (YYYY-MM). */
    dataThrough: string | null;
    /** When the figures of that vintage were last written (ISO 8601 UTC). */
    updatedAt: string | null;
    generatedAt: string;
    /** Monthly rows recorded or revised after asOf (not in this report); null without asOf. */
    laterRevisions: number | null;
  };
  /** True when any figure in the report is demo data; `demoParts` says which. */
  demo: boolean;
  demoParts: string[];
  headline: Record<'output' | 'valueAdded' | 'amValueAdded' | 'amShare' | 'htShare' | 'revenue' | 'profit' | 'tax' | 'enterprises', HeadlineFigure>;
  sections: ReportSection[];
}

const NUMBERS = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十'];
const SUPPRESSED_NOTE = '“—”：该项企业少于3家，按统计保密规定不予公开（内部版列示）。';
const NO_TARGET = '无';
const NO_PUBLIC_DATA = '未见公开数据';
const ISSUER = '广州市工业和信息化局';
const COLORS = { now: '#1f5fa8', before: '#9db7d5', target: '#d55e00', third: '#5b8f3a', grey: '#8c8c8c' };

const zh = (x: { label: Parameters<typeof label>[0] } | undefined, fallback: string) => (x ? label(x.label, 'zh-Hans') : fallback);
const clusterName = (code: string) => zh(clusterByCode(code), code);
const districtName = (code: string) => zh(districtByCode(code), code);

/** The instant a China month starts (for the record history). */
const monthStart = (year: number, month: number) => startOfChinaDay(`${year}-${String(month).padStart(2, '0')}-01`)!;

function headlineOf(a: IndicatorAnswer): HeadlineFigure {
  const t = a.total;
  return {
    metric: a.metric,
    value: t.value,
    lastYear: t.compare?.lastYear?.value ?? null,
    change: t.compare?.lastYear?.change ?? null,
    target: t.target?.value ?? null,
    targetYear: t.target?.year ?? null,
    attainment: t.attainment ?? null,
    suppressed: Boolean(t.suppressed),
    demo: a.demo,
  };
}

/**
 * Builds the report's content. `onProgress` gets 0 … 1 and a step name as the questions are answered.
 * Public reports ask the engine as a viewer (small cells suppressed) and leave out every figure of a
 * single enterprise.
 */
export async function buildReportData(db: Database, req: ReportRequest, onProgress?: (fraction: number, step: string) => void): Promise<ReportData> {
  const period = parsePeriod(req.period, true);
  if (!period) throw periodError(req.period);
  const asOfEnd = req.asOf ? endOfChinaDay(req.asOf) : null;
  const internal = req.audience === 'internal';
  const opts = { confidential: internal, lang: 'zh-Hans' as const, ...(req.asOf ? { asOf: req.asOf } : {}) };
  const periodText = formatPeriod(period);
  const periodLabel = periodLabelZh(periodText);
  const lastYearLabel = periodLabelZh(formatPeriod(samePeriodLastYear(period)));
  const steps = 9;
  let done = 0;
  const progress = (step: string) => onProgress?.(Math.min(1, ++done / steps), step);
  const ask = (metric: Metric, by: 'none' | 'cluster' | 'district', compare: ('lastYear' | 'target')[]) =>
    computeIndicators(db, { metric, period: periodText, cumulative: true, by, filter: EMPTY_FILTER, compare }, opts);

  // --- Headline figures (city-wide) ---
  const headline = {} as ReportData['headline'];
  const headlineMetrics = ['output', 'valueAdded', 'amValueAdded', 'amShare', 'htShare', 'revenue', 'profit', 'tax', 'enterprises'] as const;
  let first: IndicatorAnswer | null = null;
  for (const m of headlineMetrics) {
    const a = await ask(m, 'none', ['lastYear', 'target']);
    first ??= a;
    headline[m] = headlineOf(a);
  }
  progress('headline');
  const clusters = await ask('output', 'cluster', ['lastYear', 'target']);
  progress('clusters');
  const firstYear = period.year - 2;
  const clusterYears = [firstYear, period.year - 1, period.year].map((y) => formatPeriod({ ...period, year: y }));
  const clusterSeries = await computeSeries(db, { metric: 'output', period: periodText, cumulative: true, by: 'cluster', filter: EMPTY_FILTER, compare: [] }, clusterYears, opts);
  progress('cluster trend');
  const districtOutput = await ask('output', 'district', ['lastYear']);
  const districtAmShare = await ask('amShare', 'district', ['lastYear']);
  progress('districts');
  const parksAsOf = req.asOf ?? undefined;
  const renovation = await renovationSummary(db, { asOf: parksAsOf });
  progress('renovation');
  const [{ laterRevisions }] = asOfEnd
    ? await db.query<{ laterRevisions: number }>(`SELECT ((SELECT count(*) FROM operating_figures WHERE recorded_at >= $1::timestamptz)
        + (SELECT count(*) FROM operating_figures_history WHERE recorded_at >= $1::timestamptz))::int AS "laterRevisions"`, [asOfEnd])
    : [{ laterRevisions: null }];
  const library = await libraryChanges(db, period, asOfEnd, internal);
  progress('library changes');
  const movers = internal ? await revenueMovers(db, period, asOfEnd) : null;
  progress('revenue movers');
  // The rows with their qualifier (约, 超过) and demo flag: listCityIndicators' figures and a little more.
  const cityFigures = await listCityFigureRows(db, { years: [period.year - 1, period.year] });
  progress('key cities');

  const vintage: ReportData['vintage'] = {
    asOf: req.asOf,
    dataThrough: first!.dataThrough,
    updatedAt: first!.updatedAt,
    generatedAt: new Date().toISOString(),
    laterRevisions,
  };
  const figuresDemo = Object.values(headline).some((h) => h.demo) || clusters.demo || districtOutput.demo;
  const demoParts = [
    ...(figuresDemo ? ['企业月度运行数据（产值、增加值、营业收入、利润、税金及由其计算的全部指标）'] : []),
    ...(renovation.demo ? ['村级工业园的分类、改造进度、试点年份与面积'] : []),
  ];

  const sections: ReportSection[] = [];
  const section = (title: string, blocks: Block[]) => sections.push({ id: `s${sections.length + 1}`, number: NUMBERS[sections.length], title, blocks });

  section('主要指标', headlineBlocks(headline, periodLabel, lastYearLabel, figuresDemo));
  section('产业集群发展情况', clusterBlocks(clusters, clusterSeries, periodLabel, lastYearLabel, period, figuresDemo));
  section('各区排名', districtBlocks(districtOutput, districtAmShare, periodLabel, figuresDemo));
  section('村级工业园改造与价值创新园区', renovationBlocks(renovation, period.year, req.asOf));
  section('重点变化', changeBlocks(library, movers, periodLabel, lastYearLabel, internal, figuresDemo));
  section('重点城市对比', cityBlocks(cityFigures, period.year));
  section('数据口径与说明', methodBlocks(vintage, demoParts, internal, periodLabel));
  // Tables and charts are numbered in reading order.
  let tables = 0;
  let charts = 0;
  for (const b of sections.flatMap((s) => s.blocks)) {
    if (b.kind === 'table') b.caption = `表${++tables}\u3000${b.caption}`;
    if (b.kind === 'chart') b.title = `图${++charts}\u3000${b.title}`;
  }
  progress('done');

  return {
    title: `广州市先进制造业运行监测报告（${periodLabel}）`,
    subtitle: `Guangzhou Advanced Manufacturing Monitoring Report, ${periodText}${internal ? ' (internal)' : ''}`,
    issuer: ISSUER,
    plan: '广州市先进制造业强市三年行动计划（2019—2021年）',
    period: periodText,
    periodLabel,
    audience: req.audience,
    audienceLabel: internal ? '内部资料　注意保密' : '公开版',
    vintage,
    demo: demoParts.length > 0,
    demoParts,
    headline,
    sections,
  };
}

// --- Sections ---

const suppressedOr = (row: IndicatorRow | undefined, f: (r: IndicatorRow) => string): string => (!row || row.suppressed ? DASH : f(row));

function headlineBlocks(h: ReportData['headline'], periodLabel: string, lastYearLabel: string, demo: boolean): Block[] {
  const money = (x: HeadlineFigure) => (x.suppressed ? DASH : yi(x.value));
  const rows: { name: string; unit: string; f: HeadlineFigure; fmt: (v: number | null) => string; share?: boolean }[] = [
    { name: '工业总产值', unit: '亿元', f: h.output, fmt: yi },
    { name: '工业增加值', unit: '亿元', f: h.valueAdded, fmt: yi },
    { name: '先进制造业增加值（规模以上）', unit: '亿元', f: h.amValueAdded, fmt: yi },
    { name: '先进制造业增加值占规模以上制造业增加值比重', unit: '%', f: h.amShare, fmt: (v) => pct(v), share: true },
    { name: '高技术制造业增加值占规模以上制造业增加值比重', unit: '%', f: h.htShare, fmt: (v) => pct(v), share: true },
    { name: '营业收入', unit: '亿元', f: h.revenue, fmt: yi },
    { name: '利润总额', unit: '亿元', f: h.profit, fmt: yi },
    { name: '税金', unit: '亿元', f: h.tax, fmt: yi },
    { name: '报送数据企业数', unit: '家', f: h.enterprises, fmt: count },
  ];
  const anySuppressed = rows.some((r) => r.f.suppressed);
  const table: TableBlock = {
    kind: 'table',
    caption: `${periodLabel}主要指标`,
    head: ['指标', '单位', periodLabel, lastYearLabel, '同比', '目标', '目标完成'],
    align: ['left', 'center', 'right', 'right', 'right', 'right', 'right'],
    rows: rows.map((r) => [
      r.name, r.unit,
      { text: r.f.suppressed ? DASH : r.fmt(r.f.value), strong: true },
      r.f.suppressed ? DASH : r.fmt(r.f.lastYear),
      r.f.suppressed ? DASH : r.share ? changePoints(r.f.change) : changePct(r.f.change),
      r.f.target === null ? NO_TARGET : `${r.fmt(r.f.target)}（${r.f.targetYear}年）`,
      r.f.target === null || r.f.suppressed ? DASH : r.share ? `差${changePoints(r.f.target - (r.f.value ?? 0)).replace('+', '')}` : pct(r.f.attainment),
    ]),
    notes: [
      '同比：与上年同期相比；比重的同比变化以百分点计。',
      '先进制造业与高技术制造业增加值及其比重按规模以上企业口径计算；目标来自《广州市先进制造业强市三年行动计划（2019—2021年）》。',
      ...(anySuppressed ? [SUPPRESSED_NOTE] : []),
    ],
    demo,
  };
  const amShare = h.amShare;
  const text = [
    `${periodLabel}，纳入监测的企业实现工业总产值${money(h.output)}亿元，同比${growthWords(h.output)}；工业增加值${money(h.valueAdded)}亿元，同比${growthWords(h.valueAdded)}。`,
    `规模以上先进制造业增加值${money(h.amValueAdded)}亿元${h.amValueAdded.target !== null && !h.amValueAdded.suppressed ? `，为${h.amValueAdded.targetYear}年目标（${yi(h.amValueAdded.target)}亿元）的${pct(h.amValueAdded.attainment)}` : ''}；`,
    `占规模以上制造业增加值的比重为${amShare.suppressed ? DASH : pct(amShare.value)}${amShare.change !== null && !amShare.suppressed ? `，比上年同期${amShare.change >= 0 ? '提高' : '下降'}${changePoints(Math.abs(amShare.change)).replace('+', '')}` : ''}`,
    amShare.target !== null && amShare.value !== null && !amShare.suppressed
      ? `，距“${pct(amShare.target, 0)}左右”的目标${amShare.value >= amShare.target ? '已达到' : `尚差${changePoints(amShare.target - amShare.value).replace('+', '')}`}。`
      : '。',
  ].join('');
  return [{ kind: 'paragraph', text }, table];
}

function growthWords(f: HeadlineFigure): string {
  if (f.suppressed || f.change === null) return '增速无法计算';
  return f.change >= 0 ? `增长${changePct(f.change).replace('+', '')}` : `下降${changePct(-f.change).replace('+', '')}`;
}

function clusterBlocks(a: IndicatorAnswer, series: IndicatorAnswer[], periodLabel: string, lastYearLabel: string, period: Period, demo: boolean): Block[] {
  // The plan's clusters in the taxonomy's order, "other manufacturing" last.
  const order = taxonomy.clusters.map((c) => c.code as string);
  const rows = [...a.rows].sort((x, y) => order.indexOf(x.key) - order.indexOf(y.key));
  const withGrowth = rows.some((r) => r.requiredGrowth !== undefined);
  const head = ['产业集群', periodLabel, lastYearLabel, '同比', '目标', '目标完成', ...(withGrowth ? ['尚需年均增长'] : []), '企业数（家）'];
  const table: TableBlock = {
    kind: 'table',
    caption: `${periodLabel}各产业集群工业总产值与目标`,
    unit: '单位：亿元',
    head,
    align: ['left', 'right', 'right', 'right', 'right', 'right', ...(withGrowth ? ['right' as const] : []), 'right'],
    rows: [
      ...rows.map((r) => [
        r.label,
        { text: suppressedOr(r, (x) => yi(x.value)), strong: true },
        suppressedOr(r, (x) => yi(x.compare?.lastYear?.value)),
        suppressedOr(r, (x) => changePct(x.compare?.lastYear?.change)),
        r.target ? `${yi(r.target.value)}（${r.target.year}年）` : NO_TARGET,
        r.target ? suppressedOr(r, (x) => pct(x.attainment)) : DASH,
        ...(withGrowth ? [r.requiredGrowth === undefined ? DASH : changePct(r.requiredGrowth)] : []),
        suppressedOr(r, (x) => count(x.enterprises)),
      ]),
      [
        { text: '合计', strong: true },
        { text: suppressedOr(a.total, (x) => yi(x.value)), strong: true },
        suppressedOr(a.total, (x) => yi(x.compare?.lastYear?.value)),
        suppressedOr(a.total, (x) => changePct(x.compare?.lastYear?.change)),
        NO_TARGET, DASH, ...(withGrowth ? [DASH] : []),
        suppressedOr(a.total, (x) => count(x.enterprises)),
      ],
    ],
    notes: [
      '目标为《行动计划》提出的2021年各集群规模；2019、2020年的数据对照2021年目标。目标完成＝本期产值÷目标。',
      ...(withGrowth ? ['尚需年均增长：从本年产值到目标年达到目标所需的年均增速。'] : []),
      ...(period.kind !== 'year' ? ['本期为年初至报告期末的累计值，目标为全年目标。'] : []),
      ...(rows.some((r) => r.suppressed) ? [SUPPRESSED_NOTE] : []),
    ],
    demo,
  };
  const targeted = rows.filter((r) => r.target);
  const reached = targeted.filter((r) => r.attainment !== null && r.attainment !== undefined && r.attainment >= 1);
  const best = [...targeted].filter((r) => !r.suppressed && r.compare?.lastYear?.change !== null && r.compare?.lastYear?.change !== undefined)
    .sort((x, y) => y.compare!.lastYear!.change! - x.compare!.lastYear!.change!)[0];
  const text = `${periodLabel}，行动计划确定的${targeted.length}个重点产业集群中，${reached.length ? `${reached.map((r) => r.label).join('、')}已达到目标规模` : '尚无集群达到2021年目标规模'}`
    + (best ? `；同比增速最快的是${best.label}集群（${changePct(best.compare!.lastYear!.change)}）。` : '。');
  const years = series.map((s) => periodLabelZh(s.period));
  const chart: ChartBlock = {
    kind: 'chart',
    title: `各产业集群工业总产值（${years[0]}—${years[years.length - 1]}）与2021年目标`,
    unit: '亿元',
    categories: targeted.map((r) => r.label),
    series: [
      ...series.map((s, i) => ({
        name: periodLabelZh(s.period),
        type: 'bar' as const,
        color: [COLORS.before, '#6b93c4', COLORS.now][i],
        values: targeted.map((r) => {
          const row = s.rows.find((x) => x.key === r.key);
          return row && !row.suppressed && row.value !== null ? row.value / 1e8 : null;
        }),
      })),
      { name: '2021年目标', type: 'marker' as const, color: COLORS.target, values: targeted.map((r) => (r.target ? r.target.value / 1e8 : null)) },
    ],
    height: 300,
    alt: `各集群产值：${targeted.map((r) => `${r.label}${suppressedOr(r, (x) => yi(x.value))}亿元`).join('，')}。`,
    demo,
  };
  return [{ kind: 'paragraph', text }, table, chart];
}

function districtBlocks(output: IndicatorAnswer, amShare: IndicatorAnswer, periodLabel: string, demo: boolean): Block[] {
  // The engine sorts by value (suppressed rows last): that order is the ranking.
  let rank = 0;
  const rows: Cell[][] = output.rows.map((r) => {
    const share = amShare.rows.find((x) => x.key === r.key);
    return [
      r.suppressed || r.value === null ? DASH : String(++rank),
      r.label,
      { text: suppressedOr(r, (x) => yi(x.value)), strong: true },
      suppressedOr(r, (x) => changePct(x.compare?.lastYear?.change)),
      suppressedOr(share, (x) => pct(x.value)),
      suppressedOr(share, (x) => changePoints(x.compare?.lastYear?.change)),
      suppressedOr(r, (x) => count(x.enterprises)),
    ];
  });
  const anySuppressed = output.rows.some((r) => r.suppressed) || amShare.rows.some((r) => r.suppressed);
  const table: TableBlock = {
    kind: 'table',
    caption: `${periodLabel}各区工业总产值排名`,
    head: ['排名', '区', '工业总产值（亿元）', '同比', '先进制造业增加值占比', '占比同比', '企业数（家）'],
    align: ['center', 'left', 'right', 'right', 'right', 'right', 'right'],
    rows,
    notes: ['先进制造业增加值占比：区内规模以上企业口径。', ...(anySuppressed ? [SUPPRESSED_NOTE] : [])],
    demo,
  };
  const shown = output.rows.filter((r) => !r.suppressed && r.value !== null);
  const chart: ChartBlock = {
    kind: 'chart',
    title: `${periodLabel}各区工业总产值`,
    unit: '亿元',
    categories: shown.map((r) => r.label).reverse(),
    series: [{ name: '工业总产值', type: 'bar', color: COLORS.now, values: shown.map((r) => r.value! / 1e8).reverse() }],
    horizontal: true,
    height: Math.max(220, 26 * shown.length + 60),
    alt: `各区产值从高到低：${shown.map((r) => `${r.label}${yi(r.value)}亿元`).join('，')}。`,
    demo,
  };
  const top = shown.slice(0, 3).map((r) => r.label).join('、');
  return [{ kind: 'paragraph', text: shown.length ? `${periodLabel}，工业总产值居前三位的是${top}。` : `${periodLabel}各区均无可公开的数据。` }, table, chart];
}

function renovationBlocks(r: Awaited<ReturnType<typeof renovationSummary>>, year: number, asOf: string | null): Block[] {
  const cats = taxonomy.renovationCategories;
  const progs = taxonomy.renovationProgress;
  const cell = (c: string, p: string) => r.byStatus.find((x) => x.category === c && x.progress === p);
  const cellText = (parks: number, area: number) => `${parks}（${mu(area)}）`;
  const matrix: TableBlock = {
    kind: 'table',
    caption: `村级工业园分类与改造进度${asOf ? `（截至${dateZh(asOf)}）` : ''}`,
    unit: '单位：个（面积，亩）',
    head: ['分类', ...progs.map((p) => label(p.label, 'zh-Hans')), '合计'],
    align: ['left', ...progs.map(() => 'right' as const), 'right'],
    rows: [
      ...cats.map((c) => {
        const xs = progs.map((p) => cell(c.code, p.code));
        return [label(c.label, 'zh-Hans'), ...xs.map((x) => cellText(x?.parks ?? 0, x?.areaMu ?? 0)),
          { text: cellText(xs.reduce((s, x) => s + (x?.parks ?? 0), 0), xs.reduce((s, x) => s + (x?.areaMu ?? 0), 0)), strong: true }];
      }),
      [{ text: '合计', strong: true }, ...progs.map((p) => {
        const xs = r.byStatus.filter((x) => x.progress === p.code);
        return { text: cellText(xs.reduce((s, x) => s + x.parks, 0), xs.reduce((s, x) => s + x.areaMu, 0)), strong: true };
      }), { text: cellText(r.parks, r.areaMu), strong: true }],
    ],
    demo: r.demo,
  };
  const completed = r.byStatus.filter((x) => x.progress === 'completed').reduce((s, x) => s + x.parks, 0);
  const started = r.byStatus.filter((x) => x.progress !== 'not_started').reduce((s, x) => s + x.parks, 0);
  const pilots: TableBlock = {
    kind: 'table',
    caption: '提质增效试点园区（每年20个左右）',
    head: ['年份', '试点园区（个）', '目标（个）', '面积（亩）'],
    align: ['center', 'right', 'right', 'right'],
    rows: r.pilots.filter((p) => p.year <= year).map((p) => [`${p.year}年`, count(p.parks), p.target === null ? NO_TARGET : `${count(p.target)}左右`, mu(p.areaMu)]),
    demo: r.demo,
  };
  const pilotChart: ChartBlock = {
    kind: 'chart',
    title: '各年试点园区数与目标',
    unit: '个',
    categories: r.pilots.filter((p) => p.year <= year).map((p) => `${p.year}年`),
    series: [
      { name: '试点园区', type: 'bar', color: COLORS.third, values: r.pilots.filter((p) => p.year <= year).map((p) => p.parks) },
      { name: '目标（20个左右）', type: 'line', color: COLORS.target, values: r.pilots.filter((p) => p.year <= year).map((p) => p.target) },
    ],
    height: 220,
    alt: `试点园区：${r.pilots.filter((p) => p.year <= year).map((p) => `${p.year}年${p.parks}个`).join('，')}。`,
    demo: r.demo,
  };
  const complete = r.valueParks.filter((v) => v.present === v.elements).length;
  const valueParks: TableBlock = {
    kind: 'table',
    caption: '价值创新园区六要素齐备情况',
    head: ['园区', '所在区', '已具备要素', '齐备程度'],
    align: ['left', 'left', 'center', 'right'],
    rows: r.valueParks.map((v) => [v.name, districtName(v.district), `${v.present}/${v.elements}`, pct(v.elements ? v.present / v.elements : null, 0)]),
    notes: [`六要素：${taxonomy.valueParkElements.map((e) => label(e.label, 'zh-Hans')).join('、')}。要素为生成时的现状，不随截至日期回溯。`],
  };
  return [
    { kind: 'heading', text: '（一）村级工业园改造' },
    { kind: 'paragraph', text: `纳入监测的村级工业园共${r.parks}个，面积${mu(r.areaMu / 10_000)}万亩；已启动改造${started}个，其中已完成${completed}个。` },
    matrix,
    pilots,
    pilotChart,
    { kind: 'heading', text: '（二）价值创新园区' },
    { kind: 'paragraph', text: `行动计划提出建设${r.valueParkTarget ?? 10}个价值创新园区；目前已认定${r.valueParks.length}个，其中六要素全部齐备的${complete}个。` },
    valueParks,
  ];
}

interface LibraryChanges {
  /** Enterprises added to the library by imports in the period (up to asOf). */
  added: number;
  updated: number;
  /** The first enterprise import on record (ISO), null when none: before it, entries cannot be told. */
  historySince: string | null;
  /** Internal only: the added enterprises (up to 20). */
  addedList: { name: string; district: string; cluster: string; date: string }[];
}

/** What the record history can tell about enterprises entering the library in the period (no deletions exist). */
async function libraryChanges(db: Database, p: Period, asOfEnd: string | null, internal: boolean): Promise<LibraryChanges> {
  const months = monthsOf(p);
  const first = months[0];
  const last = months[months.length - 1];
  const from = monthStart(Math.floor(first / 100), first % 100);
  const nextMonth = last % 100 === 12 ? (Math.floor(last / 100) + 1) * 100 + 1 : last + 1;
  let to = monthStart(Math.floor(nextMonth / 100), nextMonth % 100);
  if (asOfEnd && asOfEnd < to) to = asOfEnd;
  const [c] = await db.query<{ added: number; updated: number; since: string | null }>(`SELECT
      count(*) FILTER (WHERE action = 'added' AND changed_at >= $1::timestamptz AND changed_at < $2::timestamptz)::int AS added,
      count(DISTINCT record_key) FILTER (WHERE action = 'updated' AND changed_at >= $1::timestamptz AND changed_at < $2::timestamptz)::int AS updated,
      to_char(min(changed_at) AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS since
    FROM record_history WHERE kind = 'enterprises'`, [from, to]);
  const addedList = internal && c.added
    ? await db.query<LibraryChanges['addedList'][number]>(`SELECT e.name, e.district, e.cluster, to_char((h.changed_at AT TIME ZONE 'UTC') + interval '8 hours', 'YYYY-MM-DD') AS date
        FROM record_history h JOIN enterprises e ON e.id = h.record_id
        WHERE h.kind = 'enterprises' AND h.action = 'added' AND h.changed_at >= $1::timestamptz AND h.changed_at < $2::timestamptz ORDER BY h.id LIMIT 20`, [from, to])
    : [];
  return { added: c.added, updated: c.updated, historySince: c.since, addedList };
}

interface Mover { name: string; district: string; cluster: string; value: number; lastYear: number; diff: number }

/**
 * The enterprises whose revenue rose or fell most against the same period last year, like for like
 * (a return for every month of both periods), from the vintage as of asOf. Internal report only.
 * This reads operating_figures directly — the one exception to the engine rule in the report
 * (architecture §5): a row is one firm's own figures, not an aggregate, so nothing is suppressed,
 * which is why the public report never contains it.
 */
async function revenueMovers(db: Database, p: Period, asOfEnd: string | null): Promise<{ rises: Mover[]; falls: Mover[] }> {
  const now = monthsOf(p);
  const before = monthsOf(samePeriodLastYear(p));
  const params: unknown[] = [now, before, now.length, [...now, ...before]];
  const rows = asOfEnd ? vintageRows(`$${params.push(asOfEnd)}`) : 'operating_figures';
  // One pass over the two periods' rows; the enterprises' names only for the ten rows kept.
  const list = await db.query<Mover & { dir: 'rise' | 'fall' }>(`WITH m AS (
      SELECT enterprise_id, sum(revenue) FILTER (WHERE month = ANY($1::int[])) AS v, count(*) FILTER (WHERE month = ANY($1::int[])) AS n,
        sum(revenue) FILTER (WHERE month = ANY($2::int[])) AS b, count(*) FILTER (WHERE month = ANY($2::int[])) AS nb
      FROM ${rows} r WHERE month = ANY($4::int[]) GROUP BY 1),
    d AS (SELECT enterprise_id, v, b, v - b AS diff FROM m WHERE n = $3 AND nb = $3),
    top AS ((SELECT 'rise' AS dir, * FROM d WHERE diff > 0 ORDER BY diff DESC, enterprise_id LIMIT 5)
      UNION ALL (SELECT 'fall' AS dir, * FROM d WHERE diff < 0 ORDER BY diff, enterprise_id LIMIT 5))
    SELECT top.dir, e.name, e.district, e.cluster, top.v::float8 AS value, top.b::float8 AS "lastYear", top.diff::float8 AS diff
    FROM top JOIN enterprises e ON e.id = top.enterprise_id`, params);
  const sorted = (dir: 'rise' | 'fall') => list.filter((r) => r.dir === dir).sort((a, b) => (dir === 'rise' ? b.diff - a.diff : a.diff - b.diff));
  return { rises: sorted('rise'), falls: sorted('fall') };
}

function changeBlocks(lib: LibraryChanges, movers: { rises: Mover[]; falls: Mover[] } | null, periodLabel: string, lastYearLabel: string, internal: boolean, demo: boolean): Block[] {
  const blocks: Block[] = [{ kind: 'heading', text: '（一）企业库进出' }];
  const since = lib.historySince ? `企业入库记录自${dateZh(chinaDate(new Date(lib.historySince)))}起保存` : '企业库目前没有任何经导入新增企业的记录（初始数据未记录入库日期）';
  blocks.push({
    kind: 'paragraph',
    text: `${periodLabel}，经数据导入新增入库企业${lib.added}家，更新信息的企业${lib.updated}家。${since}，此前入库的企业无法判断入库时间。企业库不删除企业记录、也不记录退出，因此无法从数据判断本期退出企业库的企业。`,
  });
  if (internal && lib.addedList.length)
    blocks.push({
      kind: 'table', caption: '本期新增入库企业（前20家）', head: ['企业', '区', '产业集群', '入库日期'], align: ['left', 'left', 'left', 'center'],
      rows: lib.addedList.map((e) => [e.name, districtName(e.district), clusterName(e.cluster), dateZh(e.date)]),
    });
  blocks.push({ kind: 'heading', text: '（二）营业收入变化较大的企业' });
  if (!internal || !movers) {
    blocks.push({ kind: 'note', tone: 'info', text: '单个企业的经营数据属于统计保密范围，公开版不列示。' });
    return blocks;
  }
  const moverTable = (caption: string, xs: Mover[]): TableBlock => ({
    kind: 'table', caption, unit: '单位：万元',
    head: ['企业', '区', '产业集群', periodLabel, lastYearLabel, '增减额', '增减幅度'],
    align: ['left', 'left', 'left', 'right', 'right', 'right', 'right'],
    rows: xs.length ? xs.map((m) => [m.name, districtName(m.district), clusterName(m.cluster), wan(m.value), wan(m.lastYear), `${m.diff > 0 ? '+' : ''}${wan(m.diff)}`, changePct(m.lastYear ? m.diff / Math.abs(m.lastYear) : null)])
      : [['（无）', '', '', '', '', '', '']],
    demo,
  });
  blocks.push({ kind: 'note', tone: 'warning', text: '以下为单个企业数据，仅供内部使用，不得对外公开。按营业收入增减额排序，仅比较两个时期每月均有报送的企业。' });
  blocks.push(moverTable('营业收入增加最多的企业', movers.rises));
  blocks.push(moverTable('营业收入减少最多的企业', movers.falls));
  return blocks;
}

/** A published figure as the table writes it: the source's qualifier (约, 超过), the value, the months it covers. */
function cityValue(f: CityFigureRow): string {
  if (f.value === null) return NO_PUBLIC_DATA;
  const q = f.qualifier && f.qualifier in QUALIFIERS ? QUALIFIERS[f.qualifier as Qualifier]['zh-Hans'] : '';
  const months = coverageMonths(f.coverage);
  return `${q}${f.value}${months ? `（${months.from}-${months.to}月）` : ''}`;
}

const unitZh = (unit: string) => (unit === 'count' ? '个' : unit);

/**
 * The key cities side by side (key-city table, src/server/monitoring/city-indicators.ts): the figures
 * of the report's year, or of the year before where that year has none (marked with its year); each
 * figure with its source as a numbered note; a city without a published figure says so. Indicators
 * only Guangzhou reports go into a table of their own.
 */
function cityBlocks(figures: CityFigureRow[], year: number): Block[] {
  if (!figures.length)
    return [{ kind: 'paragraph', text: `重点城市对比表中尚无${year - 1}、${year}年的数据：各城市均${NO_PUBLIC_DATA}。` }];
  const blocks: Block[] = [{
    kind: 'paragraph',
    text: `下表为各城市统计部门及媒体公开发布的${year}年数据（${year}年未见而${year - 1}年有的，注明年份），按来源原文摘录，数字前的“约”“超过”等照录来源；每个数字的来源、口径见表下注释。未找到公开发布数据的，注明“${NO_PUBLIC_DATA}”。城市间数据的统计口径不尽相同，本市公开数据与本报告前文的监测数据口径也不同，比较时请以注释为准。`,
  }];
  const pick = (city: string, indicator: string) =>
    figures.find((f) => f.city === city && f.indicator === indicator && f.year === year && f.value !== null)
    ?? figures.find((f) => f.city === city && f.indicator === indicator && f.year === year - 1 && f.value !== null)
    ?? figures.find((f) => f.city === city && f.indicator === indicator);
  const tableOf = (caption: string, indicators: CityIndicatorDef[]): TableBlock => {
    const notes: string[] = [];
    const noteOf = (f: CityFigureRow) => {
      const denominator = f.denominator && f.denominator in DENOMINATORS ? DENOMINATORS[f.denominator as Denominator]['zh-Hans'] : f.denominator;
      const text = [`来源：${f.sourceTitle ?? '未注明'}`, f.sourceUrl, denominator ? `口径：${denominator}` : null, f.note].filter(Boolean).join('；');
      const i = notes.indexOf(text);
      return i >= 0 ? i + 1 : notes.push(text);
    };
    const cities = CITIES.filter((c) => c.home || indicators.some((d) => figures.some((f) => f.city === c.code && f.indicator === d.code)));
    return {
      kind: 'table',
      caption,
      head: ['城市', ...indicators.map((d) => `${d.label['zh-Hans']}（${unitZh(d.unit)}）`)],
      align: ['left', ...indicators.map(() => 'right' as const)],
      rows: cities.map((c) => [c.label['zh-Hans'], ...indicators.map((d): Cell => {
        const f = pick(c.code, d.code);
        if (!f || f.value === null) return f && (f.sourceTitle || f.note) ? { text: NO_PUBLIC_DATA, note: noteOf(f) } : NO_PUBLIC_DATA;
        return { text: `${f.year === year ? '' : `（${f.year}年）`}${cityValue(f)}`, note: noteOf(f) };
      })]),
      notes,
      demo: figures.some((f) => f.demo && indicators.some((d) => d.code === f.indicator)),
    };
  };
  const present = (group: string) => CITY_INDICATORS.filter((d) => d.group === group && figures.some((f) => f.indicator === d.code && f.value !== null));
  const industry = present('industry');
  for (let i = 0; i < industry.length; i += 4)
    blocks.push(tableOf(`重点城市工业主要指标（${i / 4 + 1}）`, industry.slice(i, i + 4)));
  const firms = present('firms');
  if (firms.length) blocks.push(tableOf('重点城市优质企业', firms));
  const own = present('guangzhou');
  if (own.length) {
    const notes: string[] = [];
    const rows: Cell[][] = own.map((d) => {
      const f = pick(HOME_CITY, d.code)!;
      const text = [`来源：${f.sourceTitle ?? '未注明'}`, f.sourceUrl, f.note].filter(Boolean).join('；');
      const i = notes.indexOf(text);
      const note = i >= 0 ? i + 1 : notes.push(text);
      return [d.label['zh-Hans'], unitZh(d.unit), `${f.year}年`, { text: cityValue(f), note }];
    });
    blocks.push({ kind: 'table', caption: '广州市公开发布的专项数据', head: ['指标', '单位', '年份', '数值'], align: ['left', 'center', 'center', 'right'], rows, notes });
  }
  return blocks;
}

function methodBlocks(v: ReportData['vintage'], demoParts: string[], internal: boolean, periodLabel: string): Block[] {
  const items = [
    `数据时点：${v.asOf ? `本报告按${dateZh(v.asOf)}日终（北京时间）时数据库中的数据版本生成：该日之后录入或修订的企业月度数据${v.laterRevisions ? `（${v.laterRevisions}条）` : ''}不计入；村级工业园的分类与进度取该日有效的状态。企业的行业、所在区等属性、价值创新园区要素及目标值取生成时的现状。` : '本报告按生成时数据库中的最新数据生成。'}`,
    `数据截至：企业月度数据最新月份为${monthLabelZh(v.dataThrough)}；数据最近更新于${v.updatedAt ? dateTimeZh(v.updatedAt) : DASH}；报告生成于${dateTimeZh(v.generatedAt)}。`,
    `统计期：${periodLabel}，为年初至报告期末的累计数；同比与上年同期累计数比较。`,
    '口径：工业总产值、增加值等为纳入监测企业的合计；先进制造业、高技术制造业增加值及其比重为规模以上企业口径（行业划分见《国民经济行业分类》（GB/T 4754—2017）及省市先进制造业统计范围）。',
    internal ? '本报告为内部版，包含单个企业数据和全部小单元数据，仅供内部使用。' : '本报告为公开版：企业少于3家的数据单元以“—”表示，不列示单个企业数据。',
  ];
  const blocks: Block[] = [{ kind: 'list', items }];
  blocks.push(demoParts.length
    ? { kind: 'note', tone: 'warning', text: `演示数据：本报告中以下数据为系统生成的演示数据，不代表真实情况：${demoParts.join('；')}。标注“演示数据”的图表均属此类。重点城市对比数据来自公开发布的统计资料，不是演示数据。` }
    : { kind: 'note', tone: 'info', text: '本报告不含演示数据。' });
  return blocks;
}

