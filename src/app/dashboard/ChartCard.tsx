// A dashboard card around a chart: its title, what period and data vintage it shows, a table view
// (the accessible equivalent of the chart) and downloads of the chart (SVG, PNG) and its data (CSV).
import { useCallback, useRef, useState, type ReactNode } from 'react';
import { CSV_BOM, csvRow } from '../../domain/csv.ts';
import { EChart, type ChartHandle, type ChartOption } from './EChart.tsx';
import { useT } from '../i18n/use-t.ts';

export interface TableData {
  columns: string[];
  rows: (string | number | null)[][];
}

interface Props {
  title: string;
  /** File name stem of the downloads, e.g. "ranking-district-2021". */
  file: string;
  freshness: string;
  option: ChartOption | null;
  height: number;
  table: TableData | null;
  state: ReactNode;
  onClick?: (p: { name: string; dataIndex: number }) => void;
  testId: string;
  footer?: ReactNode;
}

function download(name: string, blob: Blob) {
  const a = document.createElement('a');
  a.href = URL.createObjectURL(blob);
  a.download = name;
  a.click();
  setTimeout(() => URL.revokeObjectURL(a.href), 1000);
}

/** PNG from the SVG through a canvas at twice the size (sharp when pasted into a document). */
async function svgToPng(svg: string): Promise<Blob> {
  const img = new Image();
  img.src = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`;
  await img.decode();
  const canvas = document.createElement('canvas');
  canvas.width = img.width * 2;
  canvas.height = img.height * 2;
  const ctx = canvas.getContext('2d')!;
  ctx.fillStyle = '#ffffff';
  ctx.fillRect(0, 0, canvas.width, canvas.height);
  ctx.drawImage(img, 0, 0, canvas.width, canvas.height);
  return new Promise((resolve, reject) => canvas.toBlob((b) => (b ? resolve(b) : reject(new Error('PNG export failed'))), 'image/png'));
}

export function ChartCard({ title, file, freshness, option, height, table, state, onClick, testId, footer }: Props) {
  const { t } = useT();
  const [asTable, setAsTable] = useState(false);
  const chart = useRef<ChartHandle | null>(null);
  const setHandle = useCallback((h: ChartHandle | null) => { chart.current = h; }, []);
  const ready = option && table;
  return (
    <section className="dash-card" data-testid={testId} aria-label={title}>
      <header className="dash-card-head">
        <h2>{title}</h2>
        <p className="muted">{freshness}</p>
      </header>
      {!ready ? state : (
        <>
          {asTable ? (
            <div className="table-wrap">
              <table className="dash-table">
                <thead><tr>{table.columns.map((c) => <th key={c} scope="col">{c}</th>)}</tr></thead>
                <tbody>{table.rows.map((r, i) => <tr key={i}>{r.map((v, j) => (j === 0 ? <th key={j} scope="row">{v}</th> : <td key={j}>{v ?? t('suppressed')}</td>))}</tr>)}</tbody>
              </table>
            </div>
          ) : <EChart option={option} height={height} label={title} onClick={onClick} handle={setHandle} testId={`${testId}-chart`} />}
          <div className="dash-card-tools">
            <button type="button" onClick={() => setAsTable(!asTable)} aria-pressed={asTable}>{t(asTable ? 'showChart' : 'showTable')}</button>
            <button type="button" onClick={() => download(`${file}.csv`, new Blob([CSV_BOM + csvRow(table.columns) + table.rows.map((r) => csvRow(r)).join('')], { type: 'text/csv;charset=utf-8' }))}>{t('downloadCsv')}</button>
            {!asTable && <button type="button" onClick={() => chart.current && download(`${file}.svg`, new Blob([chart.current.svg()], { type: 'image/svg+xml' }))}>{t('downloadSvg')}</button>}
            {!asTable && <button type="button" onClick={() => chart.current && void svgToPng(chart.current.svg()).then((b) => download(`${file}.png`, b))}>{t('downloadPng')}</button>}
          </div>
          {footer}
        </>
      )}
    </section>
  );
}
