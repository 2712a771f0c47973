// Bulk status update for officials and administrators: upload a CSV → dry-run report per row →
// apply all rows or none. The server checks and applies; this panel shows what it says. Rows whose
// change needs the city's review are sent as proposals when the file is applied.
import { useId, useState, type ChangeEvent } from 'react';
import { ApiError } from '../api/client.ts';
import { BULK_TEMPLATE_URL, applyBulk, checkBulkCsv, fetchParkStatuses } from '../api/endpoints.ts';
import type { BulkApplied, BulkReport } from '../api/types.ts';
import { statusSummary } from '../i18n/format.ts';
import { t, tf } from '../i18n/messages.ts';
import { useAppStore } from '../state/store.ts';
import { problemText } from '../i18n/problem-text.ts';
import { errorText } from './error-text.ts';
import { reviewKindsText } from '../i18n/messages-reviews.ts';
import { refreshProposals } from './useReviews.ts';

type Phase = 'idle' | 'checking' | 'checked' | 'applying' | 'applied';

export function BulkPanel() {
  const { lang, closePanel, setParkStatuses } = useAppStore();
  const ids = useId();
  const [phase, setPhase] = useState<Phase>('idle');
  const [fileName, setFileName] = useState<string | null>(null);
  const [report, setReport] = useState<BulkReport | null>(null);
  const [applied, setApplied] = useState<BulkApplied>({ applied: 0, proposed: 0 });
  const [error, setError] = useState<string | null>(null);

  const choose = async (e: ChangeEvent<HTMLInputElement>) => {
    const file = e.target.files?.[0];
    e.target.value = ''; // so choosing the same (fixed) file again triggers a new check
    if (!file) return;
    setFileName(file.name);
    setReport(null);
    setError(null);
    setPhase('checking');
    try {
      setReport(await checkBulkCsv(await file.text()));
      setPhase('checked');
    } catch (err) {
      const body = err instanceof ApiError ? (err.body as Partial<BulkReport> | null) : null;
      if (err instanceof ApiError && err.status === 400 && Array.isArray(body?.fileErrors)) setReport(body as BulkReport);
      else setError(errorText(err, lang));
      setPhase('idle');
    }
  };

  const apply = async () => {
    if (!report?.id) return;
    setPhase('applying');
    setError(null);
    try {
      setApplied(await applyBulk(report.id));
      setPhase('applied');
      void refreshProposals();
      setParkStatuses(await fetchParkStatuses());
    } catch (err) {
      setError(errorText(err, lang));
      setPhase((p) => (p === 'applying' ? 'checked' : p));
    }
  };

  const canApply = phase === 'checked' && !!report?.id && report.rejected === 0 && report.total > 0;
  return (
    <aside className="panel wide" aria-labelledby={`${ids}-title`} data-testid="bulk-panel" onKeyDown={(e) => e.key === 'Escape' && closePanel()}>
      <header>
        <h2 id={`${ids}-title`}>{t('bulkTitle', lang)}</h2>
        <button type="button" className="close" onClick={closePanel} aria-label={t('close', lang)} title={t('close', lang)}>×</button>
      </header>
      <p className="hint">{t('bulkIntro', lang)}</p>
      <p><a href={BULK_TEMPLATE_URL} download>{t('bulkTemplate', lang)}</a></p>
      <label className="file">
        {t('bulkChoose', lang)}
        <input type="file" accept=".csv,text/csv" onChange={choose} disabled={phase === 'checking' || phase === 'applying'} />
      </label>
      {fileName && <p className="file-name">{fileName}</p>}
      {phase === 'checking' && <p role="status">{t('bulkChecking', lang)}</p>}
      {error && <p className="form-error" role="alert">{error}</p>}
      {report && report.fileErrors.length > 0 && (
        <div className="form-error" role="alert">
          {t('bulkFileErrors', lang)}
          <ul>{report.fileErrors.map((m, i) => <li key={i}>{problemText(report.fileProblems?.[i], lang, m)}</li>)}</ul>
        </div>
      )}
      {report && !report.fileErrors.length && (
        <>
          <p role="status" data-testid="bulk-summary">{tf('bulkSummary', lang, { total: report.total, accepted: report.accepted, rejected: report.rejected })}</p>
          <div className="table-wrap">
            <table className="bulk-table">
              <thead>
                <tr><th scope="col">{t('bulkColLine', lang)}</th><th scope="col">{t('bulkColPark', lang)}</th><th scope="col">{t('bulkColChange', lang)}</th><th scope="col">{t('bulkColCheck', lang)}</th></tr>
              </thead>
              <tbody>
                {report.rows.map((r) => (
                  <tr key={r.line} className={r.errors.length ? 'rejected' : 'accepted'}>
                    <td>{r.line}</td>
                    <td>{r.code ? <><div>{r.code}</div><div className="muted">{r.name}</div></> : '—'}</td>
                    <td>{statusSummary(r.from, lang)}{r.to && <> → <strong>{statusSummary(r.to, lang)}</strong></>}</td>
                    <td>
                      {r.errors.length ? <ul>{r.errors.map((m, i) => <li key={i} data-testid="bulk-row-problem">{problemText(r.problems?.[i], lang, m)}</li>)}</ul>
                        : r.review?.length ? <span data-testid="bulk-row-review">{tf('bulkWillPropose', lang, { kinds: reviewKindsText(r.review, lang) })}</span>
                          : t('bulkRowOk', lang)}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {report.rejected > 0 && <p className="hint warn">{t('bulkBlocked', lang)}</p>}
          <div className="buttons">
            <button type="button" onClick={apply} disabled={!canApply}>{phase === 'applying' ? t('bulkApplying', lang) : t('bulkApply', lang)}</button>
          </div>
        </>
      )}
      {phase === 'applied' && (
        <p className="saved" role="status" data-testid="bulk-applied">
          {applied.proposed ? tf('bulkAppliedProposed', lang, { applied: applied.applied, proposed: applied.proposed }) : tf('bulkApplied', lang, { count: applied.applied })}
        </p>
      )}
    </aside>
  );
}
