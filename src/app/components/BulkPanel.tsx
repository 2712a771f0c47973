// Bulk status update for officials and administrators: a park status file (kind parkStatus) through
// the import pipeline (issue 15): download the template (XLSX or CSV, an official's filled with their
// district's parks), upload it (Excel or CSV, UTF-8 or GBK) → the dry run's report per row (from → to,
// takes effect / goes to the city for review / unchanged, skipped / the row's problems) → confirm,
// and every row is applied in one transaction, or none. The server checks and applies; this panel
// shows what it says.
import { useId, useState, type ChangeEvent } from 'react';
import { fetchParkStatuses } from '../api/endpoints.ts';
import { applyImport, parkStatusTemplateUrl, uploadImport, type ApplyResult, type DryRunReport } from '../api/endpoints-imports.ts';
import type { RowIssue } from '../../domain/import/import-types.ts';
import type { ParkStatusPlanRow } from '../../domain/import/validate-park-status.ts';
import { statusSummary } from '../i18n/format.ts';
import { t, tf } from '../i18n/messages.ts';
import { issueMessage, issueText } from '../i18n/problem-text.ts';
import { reviewKindsText } from '../i18n/messages-reviews.ts';
import { useAppStore } from '../state/store.ts';
import { errorText } from './error-text.ts';
import { refreshProposals } from './useReviews.ts';

type Phase = 'idle' | 'checking' | 'checked' | 'applying' | 'applied';
const ENCODINGS = ['auto', 'utf-8', 'gbk'] as const;

interface ReportRow {
  row: number;
  plan: ParkStatusPlanRow | null;
  errors: RowIssue[];
  notes: RowIssue[];
}

/** One line per row of the file: the plan's rows and the rejected rows, in file order. */
function reportRows(report: DryRunReport): ReportRow[] {
  const rows = new Map<number, ReportRow>();
  const at = (row: number) => rows.get(row) ?? rows.set(row, { row, plan: null, errors: [], notes: [] }).get(row)!;
  for (const p of report.plan?.rows ?? []) at(p.row).plan = p;
  for (const i of report.issues) if (i.row > 0) (i.severity === 'error' ? at(i.row).errors : at(i.row).notes).push(i);
  return [...rows.values()].sort((a, b) => a.row - b.row);
}

export function BulkPanel() {
  const { lang, closePanel, setParkStatuses } = useAppStore();
  const ids = useId();
  const [phase, setPhase] = useState<Phase>('idle');
  const [encoding, setEncoding] = useState<(typeof ENCODINGS)[number]>('auto');
  const [fileName, setFileName] = useState<string | null>(null);
  const [report, setReport] = useState<DryRunReport | null>(null);
  const [applied, setApplied] = useState<ApplyResult | null>(null);
  const [error, setError] = useState<string | null>(null);

  const choose = async (e: ChangeEvent<HTMLInputElement>) => {
    const file = e.target.files?.[0];
    e.target.value = ''; // so choosing the same (fixed) file again triggers a new check
    if (!file) return;
    setFileName(file.name);
    setReport(null);
    setApplied(null);
    setError(null);
    setPhase('checking');
    try {
      setReport(await uploadImport(file, { kind: 'parkStatus', crs: 'wgs84', encoding }));
      setPhase('checked');
    } catch (err) {
      setError(errorText(err, lang));
      setPhase('idle');
    }
  };

  const apply = async () => {
    if (!report) return;
    setPhase('applying');
    setError(null);
    try {
      setApplied(await applyImport(report.id));
      setPhase('applied');
      void refreshProposals();
      setParkStatuses(await fetchParkStatuses());
    } catch (err) {
      setError(errorText(err, lang));
      setPhase((p) => (p === 'applying' ? 'checked' : p));
    }
  };

  const fileIssues = report?.issues.filter((i) => i.row === 0 && i.severity === 'error') ?? [];
  const plan = report?.plan;
  const changes = plan ? plan.direct + plan.proposals : 0;
  const canApply = phase === 'checked' && !!report && !fileIssues.length && report.counts.rejected === 0 && changes > 0;
  return (
    <aside className="panel wide" aria-labelledby={`${ids}-title`} data-testid="bulk-panel" onKeyDown={(e) => e.key === 'Escape' && closePanel()}>
      <header>
        <h2 id={`${ids}-title`}>{t('bulkTitle', lang)}</h2>
        <button type="button" className="close" onClick={closePanel} aria-label={t('close', lang)} title={t('close', lang)}>×</button>
      </header>
      <p className="hint">{t('psIntro', lang)}</p>
      <p data-testid="bulk-templates">
        {t('psTemplates', lang)} <a href={parkStatusTemplateUrl('xlsx')} download>{t('psTemplateXlsx', lang)}</a>
        {' · '}<a href={parkStatusTemplateUrl('csv')} download>{t('psTemplateCsv', lang)}</a>
      </p>
      <div className="bulk-choose">
        <label className="file">
          {t('psChoose', lang)}
          <input type="file" accept=".xlsx,.csv,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" onChange={choose} disabled={phase === 'checking' || phase === 'applying'} />
        </label>
        <label>
          {t('importEncoding', lang)}{' '}
          <select value={encoding} onChange={(e) => setEncoding(e.target.value as (typeof ENCODINGS)[number])}>
            {ENCODINGS.map((e) => <option key={e} value={e}>{e === 'auto' ? t('encodingAuto', lang) : e.toUpperCase()}</option>)}
          </select>
        </label>
      </div>
      {fileName && <p className="file-name">{fileName}</p>}
      {phase === 'checking' && <p role="status">{t('bulkChecking', lang)}</p>}
      {error && <p className="form-error" role="alert">{error}</p>}
      {fileIssues.length > 0 && (
        <div className="form-error" role="alert">
          {t('bulkFileErrors', lang)}
          <ul>{fileIssues.map((i, k) => <li key={k}>{issueText(i, lang, report?.mapping)}</li>)}</ul>
        </div>
      )}
      {report && plan && !fileIssues.length && (
        <>
          <p role="status" data-testid="bulk-summary">
            {tf('psSummary', lang, { total: report.counts.total, direct: plan.direct, proposals: plan.proposals, unchanged: plan.unchanged, rejected: report.counts.rejected })}
          </p>
          <div className="table-wrap">
            <table className="bulk-table">
              <thead>
                <tr><th scope="col">{t('bulkColLine', lang)}</th><th scope="col">{t('bulkColPark', lang)}</th><th scope="col">{t('bulkColChange', lang)}</th><th scope="col">{t('psColResult', lang)}</th></tr>
              </thead>
              <tbody>
                {reportRows(report).map(({ row, plan: p, errors, notes }) => (
                  <tr key={row} className={errors.length ? 'rejected' : p?.outcome === 'unchanged' ? 'unchanged' : 'accepted'}>
                    <td>{row}</td>
                    <td>{p ? <><div>{p.code}</div><div className="muted">{p.name}</div></> : '—'}</td>
                    <td>{p ? <>{statusSummary(p.from, lang)}{p.outcome !== 'unchanged' && <> → <strong>{statusSummary(p.to, lang)}</strong></>}</> : '—'}</td>
                    <td>
                      {errors.length ? <ul>{errors.map((i, k) => <li key={k} data-testid="bulk-row-problem">{issueMessage(i, lang)}</li>)}</ul>
                        : p?.outcome === 'propose' ? <span data-testid="bulk-row-review">{tf('bulkWillPropose', lang, { kinds: reviewKindsText(p.review, lang) })}</span>
                          : p?.outcome === 'apply' ? <span data-testid="bulk-row-apply">{t('psRowApply', lang)}</span>
                            : <span className="muted" data-testid="bulk-row-skipped">{notes.map((i) => issueMessage(i, lang)).join(' ')}</span>}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {report.counts.rejected > 0 && <p className="hint warn">{t('bulkBlocked', lang)}</p>}
          {report.counts.rejected === 0 && changes === 0 && <p className="hint">{t('psNothingToApply', lang)}</p>}
          {phase !== 'applied' && (
            <div className="buttons">
              <button type="button" onClick={apply} disabled={!canApply}>
                {phase === 'applying' ? t('bulkApplying', lang) : tf('psApply', lang, { direct: plan.direct, proposals: plan.proposals })}
              </button>
            </div>
          )}
        </>
      )}
      {phase === 'applied' && applied && (
        <p className="saved" role="status" data-testid="bulk-applied">
          {tf('psApplied', lang, { applied: applied.updated ?? 0, proposed: applied.proposed ?? 0, unchanged: applied.unchanged ?? 0 })}
        </p>
      )}
    </aside>
  );
}
