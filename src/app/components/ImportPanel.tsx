// Data import for administrators: choose what the file holds, its coordinate system and encoding,
// check it (a dry run the server stores), adjust and save the column mapping, read the per-row
// issues, then apply every valid record or none. After an import the map reloads what changed.
import { useEffect, useState } from 'react';
import { TARGET_FIELDS } from '../../domain/import/column-mapping.ts';
import { IMPORT_KINDS, SOURCE_CRSES, type ColumnMapping, type ImportKind, type SourceCrs } from '../../domain/import/import-types.ts';
import { applyImport, fetchImportChanges, previewApply, saveMapping, uploadImport, type ApplyPreview, type DryRunReport, type ImportSummary, type RecordChange } from '../api/endpoints-imports.ts';
import { formatDateTime, formatNumber, shortValue } from '../i18n/format.ts';
import { type MessageKey } from '../i18n/messages.ts';
import { fieldLabel, issueMessage, problemText } from '../i18n/problem-text.ts';
import { errorText } from '../i18n/error-text.ts';
import { FileChooser } from './FileChooser.tsx';
import { PanelFrame } from './PanelFrame.tsx';
import { importsChanged, useImportMappings, useImports } from '../queries/imports.ts';
import { invalidateAfterImport } from '../queries/invalidate.ts';
import { useT } from '../i18n/use-t.ts';

const KIND_LABELS: Record<ImportKind, MessageKey> = { enterprises: 'kindEnterprises', parks: 'kindParks', districts: 'kindDistricts', operating: 'kindOperating', cityIndicators: 'kindCityIndicators', keyProjects: 'kindKeyProjects', industrialBlocks: 'kindIndustrialBlocks', zones: 'kindZones', parkStatus: 'kindParkStatus' };
/** Units offered for money columns whose header does not say it (sent as the upload's `units`). */
const MONEY_UNITS = ['元', '千元', '万元', '亿元'];
const CRS_LABELS: Record<SourceCrs, MessageKey> = { wgs84: 'crsWgs84', cgcs2000: 'crsCgcs2000', gcj02: 'crsGcj02', bd09: 'crsBd09' };
const STATUS_LABELS: Record<ImportSummary['status'], MessageKey> = { applied: 'importStatusApplied', pending: 'importStatusPending', failed: 'importStatusFailed' };

type Phase = 'idle' | 'checking' | 'checked' | 'previewing' | 'applying' | 'applied';

export function ImportPanel() {
  const { t, tf, lang } = useT();
  const [kind, setKind] = useState<ImportKind>('enterprises');
  const [crs, setCrs] = useState<SourceCrs>('wgs84');
  const [encoding, setEncoding] = useState('auto');
  const [moneyUnit, setMoneyUnit] = useState('');
  // Operating returns: undefined = as the headers say (累计…), else the user's choice.
  const [cumulative, setCumulative] = useState<boolean | undefined>(undefined);
  const [file, setFile] = useState<File | null>(null);
  const [mapping, setMapping] = useState<ColumnMapping | null>(null);
  const [report, setReport] = useState<DryRunReport | null>(null);
  const [phase, setPhase] = useState<Phase>('idle');
  const [message, setMessage] = useState<{ text: string; error: boolean } | null>(null);
  const [mappingName, setMappingName] = useState('');
  const [changes, setChanges] = useState<{ total: number; items: RecordChange[] } | null>(null);
  /** What applying would change, shown for confirmation before anything is written. */
  const [confirm, setConfirm] = useState<ApplyPreview | null>(null);

  // A list that cannot be read shows as empty (the panel's own actions say what failed).
  const imports = useImports();
  const history: ImportSummary[] | null = imports.data ?? (imports.isError ? [] : null);
  const saved = useImportMappings(kind).data ?? [];
  const refreshHistory = () => void importsChanged();
  useEffect(() => {
    setMapping(null);
    setReport(null);
    setCumulative(undefined);
  }, [kind]);

  const check = async (withMapping: ColumnMapping | null) => {
    if (!file) return;
    setPhase('checking');
    setMessage(null);
    setChanges(null);
    try {
      const r = await uploadImport(file, {
        kind, crs, encoding, mapping: withMapping ?? undefined, units: moneyUnit || undefined, cumulative: kind === 'operating' ? cumulative : undefined,
      });
      setReport(r);
      setMapping(r.mapping);
      setPhase('checked');
      refreshHistory();
    } catch (err) {
      setReport(null);
      setMessage({ text: t('checkFailed') + errorText(err, lang), error: true });
      setPhase('idle');
    }
  };

  /** Asks what applying would change and shows it for confirmation (park status files show their row-by-row plan instead). */
  const askToApply = async () => {
    if (!report) return;
    if (report.kind === 'parkStatus') return apply();
    setPhase('previewing');
    setMessage(null);
    try {
      setConfirm(await previewApply(report.id));
      setPhase('checked');
    } catch (err) {
      setMessage({ text: t('importFailed') + errorText(err, lang), error: true });
      setPhase('checked');
    }
  };

  const apply = async () => {
    if (!report) return;
    setConfirm(null);
    setPhase('applying');
    setMessage(null);
    try {
      const r = await applyImport(report.id);
      setPhase('applied');
      setMessage({ text: tf('applied', { added: r.added ?? 0, updated: r.updated ?? 0, unchanged: r.unchanged ?? 0, rejected: r.rejected }), error: false });
      // The map follows (a new payload, new tiles) and every question about what the import changed is asked again.
      void invalidateAfterImport(r);
      refreshHistory();
      fetchImportChanges(r.id).then(setChanges, () => setChanges(null));
    } catch (err) {
      setMessage({ text: t('importFailed') + errorText(err, lang), error: true });
      setPhase('checked');
    }
  };

  const save = async () => {
    if (!mapping || !mappingName.trim()) return;
    try {
      await saveMapping(mappingName.trim(), kind, mapping);
      setMessage({ text: tf('mappingSaved', { name: mappingName.trim() }), error: false });
      void importsChanged();
    } catch (err) {
      setMessage({ text: errorText(err, lang), error: true });
    }
  };

  const busy = phase === 'checking' || phase === 'previewing' || phase === 'applying';
  const headers = report?.headers ?? [];
  return (
    <PanelFrame kicker={t('importOpen')} title={t('importTitle')} titleId="import-title" testId="import-panel" focusKey="imports">
      <form className="import-form" onSubmit={(e) => { e.preventDefault(); void check(mapping); }}>
        <label>{t('importKind')}{' '}
          <select name="kind" value={kind} onChange={(e) => setKind(e.target.value as ImportKind)} disabled={busy}>
            {IMPORT_KINDS.map((k) => <option key={k} value={k}>{t(KIND_LABELS[k])}</option>)}
          </select>
        </label>
        <label>{t('importCrs')}{' '}
          <select name="crs" value={crs} onChange={(e) => setCrs(e.target.value as SourceCrs)} disabled={busy}>
            {SOURCE_CRSES.map((c) => <option key={c} value={c}>{t(CRS_LABELS[c])}</option>)}
          </select>
        </label>
        <label>{t('importEncoding')}{' '}
          <select name="encoding" value={encoding} onChange={(e) => setEncoding(e.target.value)} disabled={busy}>
            <option value="auto">{t('encodingAuto')}</option>
            <option value="utf-8">UTF-8</option>
            <option value="gbk">GBK (GB2312)</option>
          </select>
        </label>
        {kind === 'keyProjects' && <p className="hint" data-testid="import-kind-hint">{t('kindKeyProjectsHint')}</p>}
        {(kind === 'enterprises' || kind === 'operating' || kind === 'keyProjects') && (
          <label>{t('importMoneyUnit')}{' '}
            <select name="money-unit" value={moneyUnit} onChange={(e) => setMoneyUnit(e.target.value)} disabled={busy}>
              <option value="">{t('moneyUnitAuto')}</option>
              {MONEY_UNITS.map((u) => <option key={u} value={u}>{u}</option>)}
            </select>
          </label>
        )}
        {kind === 'operating' && (
          <label>
            <input type="checkbox" name="cumulative" checked={cumulative ?? report?.cumulative ?? false} disabled={busy}
              onChange={(e) => setCumulative(e.target.checked)} />{' '}{t('importCumulative')}
          </label>
        )}
        {saved.length > 0 && (
          <label>{t('savedMapping')}{' '}
            <select name="saved-mapping" defaultValue="" onChange={(e) => setMapping(saved.find((m) => String(m.id) === e.target.value)?.mapping ?? null)}>
              <option value="">{t('suggestedMapping')}</option>
              {saved.map((m) => <option key={m.id} value={m.id}>{m.name}</option>)}
            </select>
          </label>
        )}
        <FileChooser label={t('importFile')} name="file" accept=".csv,.txt,.xlsx,.geojson,.json,.zip" disabled={busy} fileName={file?.name ?? null} testId="import-file"
          onChange={(chosen) => {
            setFile(chosen);
            setReport(null);
            setConfirm(null);
            // A new file has its own headers: the server suggests a mapping from them (or the user
            // picks a saved one); the previous file's would name columns this one may not have.
            setMapping(null);
            setPhase('idle');
          }} />
        <button type="submit" disabled={!file || busy} data-testid="import-check">{t('checkFile')}</button>
      </form>
      {busy && <p role="status"><progress /> {t(phase === 'checking' ? 'checking' : phase === 'previewing' ? 'previewing' : 'applying')}</p>}
      {message && <p className={message.error ? 'form-error' : 'hint'} role={message.error ? 'alert' : 'status'} data-testid="import-message">{message.text}</p>}

      {report && (
        <section data-testid="import-report">
          <h3>{t('reportTitle')}</h3>
          <p>{tf('reportFile', { file: report.fileName, format: report.format.toUpperCase(), encoding: report.encoding ?? '—' })}</p>
          <p data-testid="import-counts"><strong>{tf('reportCounts', {
            total: formatNumber(report.counts.total, lang), valid: formatNumber(report.counts.valid, lang),
            rejected: formatNumber(report.counts.rejected, lang), warnings: report.counts.warnings,
          })}</strong></p>
          {phase !== 'applied' && !confirm && (
            <button type="button" className="primary" disabled={busy || !report.counts.valid} onClick={askToApply} data-testid="import-apply">
              {tf('applyImport', { n: report.counts.valid })}
            </button>
          )}
          {phase !== 'applied' && confirm && (
            <div className="confirm-box" role="group" aria-labelledby="import-confirm-text" data-testid="import-confirm-box">
              <p id="import-confirm-text" data-testid="import-confirm-text">{tf('confirmApplyText', {
                added: formatNumber(confirm.added ?? 0, lang), updated: formatNumber(confirm.updated ?? 0, lang),
                unchanged: formatNumber(confirm.unchanged ?? 0, lang), rejected: formatNumber(confirm.rejected, lang),
              })}</p>
              <div className="buttons">
                <button type="button" className="primary" disabled={busy} onClick={apply} data-testid="import-confirm">{t('confirmApply')}</button>
                <button type="button" disabled={busy} onClick={() => setConfirm(null)} data-testid="import-confirm-cancel">{t('cancelApply')}</button>
              </div>
            </div>
          )}
          <details className="mapping" open={report.counts.rejected > 0 && report.counts.valid === 0}>
            <summary>{t('mappingTitle')}</summary>
            <table className="mapping-table">
              <tbody>
                {TARGET_FIELDS[kind].map((f) => (
                  <tr key={f.field}>
                    <th scope="row" data-field={f.field}>{fieldLabel(f.field, lang)}{f.required ? ' *' : ''}</th>
                    <td>
                      <select aria-label={fieldLabel(f.field, lang)} value={mapping?.[f.field] ?? ''} onChange={(e) => setMapping({ ...mapping, [f.field]: e.target.value || undefined })}>
                        <option value="">{t('mappingNone')}</option>
                        {headers.map((h) => <option key={h} value={h}>{h}</option>)}
                      </select>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
            <div className="buttons">
              <button type="button" disabled={busy} onClick={() => check(mapping)}>{t('recheck')}</button>
              <label>{t('saveMappingAs')} <input value={mappingName} onChange={(e) => setMappingName(e.target.value)} maxLength={100} /></label>
              <button type="button" disabled={!mappingName.trim()} onClick={save}>{t('saveMapping')}</button>
            </div>
          </details>
          {report.issues.length > 0 && (
            <>
              <h3>{tf('issuesTitle', { n: formatNumber(report.counts.errors + report.counts.warnings, lang) })}</h3>
              {report.issuesTruncated && <p className="hint">{t('issuesTruncated')}</p>}
              <div className="issues-wrap">
                <table className="issues" data-testid="import-issues">
                  <thead><tr><th scope="col">{t('issueRow')}</th><th scope="col">{t('issueField')}</th><th scope="col">{t('issueMessage')}</th></tr></thead>
                  <tbody>
                    {report.issues.map((i, n) => (
                      <tr key={n} className={i.severity}>
                        <td>{i.row || '—'}</td>
                        <td>{i.field ? fieldLabel(i.field, lang) : ''}{i.field && report.mapping[i.field] && report.mapping[i.field] !== fieldLabel(i.field, lang) ? <div className="muted">{report.mapping[i.field]}</div> : null}</td>
                        <td><span className="severity">{t(i.severity === 'error' ? 'severityError' : 'severityWarning')}</span> <span data-testid="import-issue-message">{issueMessage(i, lang)}</span></td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            </>
          )}
        </section>
      )}

      {changes && changes.total > 0 && (
        <section data-testid="import-changes">
          <h3>{tf('changesTitle', { n: changes.total })}</h3>
          <ul className="plain changes">
            {changes.items.map((c) => (
              <li key={`${c.kind}/${c.recordKey}`}>
                <strong>{c.recordKey}</strong> {t(c.action === 'added' ? 'changeAdded' : 'changeUpdated')}
                {c.action === 'updated' && (
                  <span className="muted"> · {Object.entries(c.changes).map(([f, [before, after]]) => `${f}: ${shortValue(before)} → ${shortValue(after)}`).join('; ')}</span>
                )}
              </li>
            ))}
          </ul>
          {changes.total > changes.items.length && <p className="hint">{tf('changesMore', { n: formatNumber(changes.total - changes.items.length, lang) })}</p>}
        </section>
      )}

      <h3>{t('recentImports')}</h3>
      {!history ? <p role="status">{t('loadingList')}</p> : !history.length ? <p className="muted">{t('noImports')}</p> : (
        <ul className="plain import-history" data-testid="import-history">
          {history.map((h) => (
            <li key={h.id}>
              <strong>{h.fileName}</strong> · {t(KIND_LABELS[h.kind])} · {t(STATUS_LABELS[h.status])}
              <div className="muted">{h.username} · {formatDateTime(h.appliedAt ?? h.createdAt, lang)}</div>
              {h.status === 'applied' && (
                <div className="muted">{tf('importHistoryLine', { added: h.counts.added ?? 0, updated: h.counts.updated ?? 0, unchanged: h.counts.unchanged ?? 0, rejected: h.counts.rejected })}</div>
              )}
              {h.status === 'failed' && (h.errorProblem || h.error) && (
                <div className="form-error" data-testid="import-history-error">{problemText(h.errorProblem, lang, h.error ?? '')}</div>
              )}
            </li>
          ))}
        </ul>
      )}
    </PanelFrame>
  );
}
