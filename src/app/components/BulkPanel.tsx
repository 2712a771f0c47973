// Bulk status update for officials and administrators: a park status file (kind parkStatus) through
// the import pipeline (issue 15): download the template (XLSX or CSV, an official's filled with their
// district's parks), upload it (Excel or CSV, UTF-8 or GBK) → the dry run's report per row (from → to,
// takes effect / goes to the city for review / unchanged, skipped / the row's problems) → confirm,
// and every row is applied in one transaction, or none. The server checks and applies; this panel
// shows what it says.
import { useId, useState } from 'react';
import { applyImport, parkStatusTemplateUrl, uploadImport, type ApplyResult, type DryRunReport } from '../api/endpoints-imports.ts';
import type { RowIssue } from '../../domain/import/import-types.ts';
import type { ParkStatusPlanRow } from '../../domain/import/validate-park-status.ts';
import { statusSummary } from '../i18n/format.ts';
import { issueMessage, issueText } from '../i18n/problem-text.ts';
import { reviewKindsText } from '../i18n/labels.ts';
import { useAppStore } from '../state/store.ts';
import { errorText } from '../i18n/error-text.ts';
import { FileChooser } from './FileChooser.tsx';
import { invalidateAfterImport } from '../queries/invalidate.ts';
import { useT } from '../i18n/use-t.ts';

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
  const { t, tf, lang } = useT();
  const closePanel = useAppStore((s) => s.closePanel);
  const ids = useId();
  const [phase, setPhase] = useState<Phase>('idle');
  const [encoding, setEncoding] = useState<(typeof ENCODINGS)[number]>('auto');
  const [fileName, setFileName] = useState<string | null>(null);
  const [report, setReport] = useState<DryRunReport | null>(null);
  const [applied, setApplied] = useState<ApplyResult | null>(null);
  const [error, setError] = useState<string | null>(null);

  // FileChooser clears its input, so choosing the same (fixed) file again triggers a new check.
  const choose = async (file: File | null) => {
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
      const result = await applyImport(report.id);
      setApplied(result);
      setPhase('applied');
      // The map's statuses, the parks' panels and histories, the review queue (rows sent for review).
      await invalidateAfterImport(result);
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
        <h2 id={`${ids}-title`}>{t('bulkTitle')}</h2>
        <button type="button" className="close" onClick={closePanel} aria-label={t('close')} title={t('close')}>×</button>
      </header>
      <p className="hint">{t('psIntro')}</p>
      <p data-testid="bulk-templates">
        {t('psTemplates')} <a href={parkStatusTemplateUrl('xlsx')} download>{t('psTemplateXlsx')}</a>
        {' · '}<a href={parkStatusTemplateUrl('csv')} download>{t('psTemplateCsv')}</a>
      </p>
      <div className="bulk-choose">
        <FileChooser label={t('psChoose')} accept=".xlsx,.csv,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" fileName={fileName}
          onChange={choose} disabled={phase === 'checking' || phase === 'applying'} testId="bulk-file" />
        <label>
          {t('importEncoding')}{' '}
          <select value={encoding} onChange={(e) => setEncoding(e.target.value as (typeof ENCODINGS)[number])}>
            {ENCODINGS.map((e) => <option key={e} value={e}>{e === 'auto' ? t('encodingAuto') : e.toUpperCase()}</option>)}
          </select>
        </label>
      </div>
      {phase === 'checking' && <p role="status">{t('bulkChecking')}</p>}
      {error && <p className="form-error" role="alert">{error}</p>}
      {fileIssues.length > 0 && (
        <div className="form-error" role="alert">
          {t('bulkFileErrors')}
          <ul>{fileIssues.map((i, k) => <li key={k}>{issueText(i, lang, report?.mapping)}</li>)}</ul>
        </div>
      )}
      {report && plan && !fileIssues.length && (
        <>
          <p role="status" data-testid="bulk-summary">
            {tf('psSummary', { total: report.counts.total, direct: plan.direct, proposals: plan.proposals, unchanged: plan.unchanged, rejected: report.counts.rejected })}
          </p>
          <div className="table-wrap">
            <table className="bulk-table">
              <thead>
                <tr><th scope="col">{t('bulkColLine')}</th><th scope="col">{t('bulkColPark')}</th><th scope="col">{t('bulkColChange')}</th><th scope="col">{t('psColResult')}</th></tr>
              </thead>
              <tbody>
                {reportRows(report).map(({ row, plan: p, errors, notes }) => (
                  <tr key={row} className={errors.length ? 'rejected' : p?.outcome === 'unchanged' ? 'unchanged' : 'accepted'}>
                    <td>{row}</td>
                    <td>{p ? <><div>{p.code}</div><div className="muted">{p.name}</div></> : '—'}</td>
                    <td>{p ? <>{statusSummary(p.from, lang)}{p.outcome !== 'unchanged' && <> → <strong>{statusSummary(p.to, lang)}</strong></>}</> : '—'}</td>
                    <td>
                      {errors.length ? <ul>{errors.map((i, k) => <li key={k} data-testid="bulk-row-problem">{issueMessage(i, lang)}</li>)}</ul>
                        : p?.outcome === 'propose' ? <span data-testid="bulk-row-review">{tf('bulkWillPropose', { kinds: reviewKindsText(p.review, lang) })}</span>
                          : p?.outcome === 'apply' ? <span data-testid="bulk-row-apply">{t('psRowApply')}</span>
                            : <span className="muted" data-testid="bulk-row-skipped">{notes.map((i) => issueMessage(i, lang)).join(' ')}</span>}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {report.counts.rejected > 0 && <p className="hint warn">{t('bulkBlocked')}</p>}
          {report.counts.rejected === 0 && changes === 0 && <p className="hint">{t('psNothingToApply')}</p>}
          {phase !== 'applied' && (
            <div className="buttons">
              <button type="button" onClick={apply} disabled={!canApply}>
                {phase === 'applying' ? t('bulkApplying') : tf('psApply', { direct: plan.direct, proposals: plan.proposals })}
              </button>
            </div>
          )}
        </>
      )}
      {phase === 'applied' && applied && (
        <p className="saved" role="status" data-testid="bulk-applied">
          {tf('psApplied', { applied: applied.updated ?? 0, proposed: applied.proposed ?? 0, unchanged: applied.unchanged ?? 0 })}
        </p>
      )}
    </aside>
  );
}
