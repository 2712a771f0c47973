// The classification standard's editor (administrators; a chunk of its own): the version in force,
// the zones the rules can read, the draft's rules (category, conditions, thresholds in their display
// units, order), save / discard, the preview of the moves against the version in force (per from → to
// and per district), activation after a confirmation, and the versions kept.
import { useEffect, useId, useState } from 'react';
import {
  COMPARISONS, STANDARD_CATEGORIES, STANDARD_METRICS, ZONE_RELATIONS, ZONE_TYPES,
  type StandardCondition, type StandardMove, type StandardRule,
} from '../../domain/renovation-standard.ts';
import type { Lang } from '../../domain/taxonomy.ts';
import { activateVersion, createDraft, discardDraft, fetchPreview, saveDraft, type PreviewAnswer, type StandardVersion } from '../api/endpoints-standard.ts';
import { formatDateTime } from '../i18n/format.ts';
import { categoryLabel, comparisonLabel, districtLabel, standardMetricLabel, zoneRelationLabel, zoneTypeLabel } from '../i18n/labels.ts';
import { conditionText, metricUnit, suggestedLabel } from '../i18n/messages-standard.ts';
import { errorText } from '../i18n/error-text.ts';
import { PanelFrame } from './PanelFrame.tsx';
import { refreshStandard, useStandard } from '../hooks/useStandard.ts';
import type { MessageKey } from '../i18n/messages.ts';
import { useT } from '../i18n/use-t.ts';

const STATUS_KEYS: Record<string, MessageKey> = { active: 'statusActive', draft: 'statusDraft', retired: 'statusRetired' };

/** A threshold as the editor shows it (万元 for yuan per mu), and back. */
const shown = (c: Extract<StandardCondition, { kind: 'metric' }>, lang: Lang) => String(Number((c.value / metricUnit(c.metric, lang).factor).toPrecision(10)));

function ConditionEditor({ c, onChange, onRemove, label }: {
  c: StandardCondition; label: string; onChange: (c: StandardCondition) => void; onRemove: () => void;
}) {
  const { t, lang } = useT();
  const [text, setText] = useState(c.kind === 'metric' ? shown(c, lang) : '');
  useEffect(() => {
    if (c.kind === 'metric') setText(shown(c, lang));
  }, [c, lang]);
  return (
    <li className="standard-condition">
      {c.kind === 'metric' ? (
        <>
          <select aria-label={`${label} · ${t('metric_outputPerMu')}`} value={c.metric} onChange={(e) => onChange({ ...c, metric: e.target.value as typeof c.metric })}>
            {STANDARD_METRICS.map((m) => <option key={m} value={m}>{standardMetricLabel(m, lang)}</option>)}
          </select>
          <select aria-label={`${label} · ${t('op_lt')}`} value={c.op} onChange={(e) => onChange({ ...c, op: e.target.value as typeof c.op })}>
            {COMPARISONS.map((o) => <option key={o} value={o}>{comparisonLabel(o, lang)}</option>)}
          </select>
          <input
            type="number" min={0} step="any" inputMode="decimal" className="threshold" aria-label={`${label} · ${t('threshold')}`} value={text}
            onChange={(e) => {
              setText(e.target.value);
              const v = Number(e.target.value);
              if (e.target.value.trim() !== '' && Number.isFinite(v) && v >= 0) onChange({ ...c, value: Math.round(v * metricUnit(c.metric, lang).factor * 1e6) / 1e6 });
            }}
          />
          <span className="muted">{metricUnit(c.metric, lang).unit}</span>
        </>
      ) : (
        <>
          <select aria-label={`${label} · ${zoneRelationLabel('intersects', lang)}`} value={c.relation} onChange={(e) => onChange({ ...c, relation: e.target.value as typeof c.relation })}>
            {ZONE_RELATIONS.map((r) => <option key={r} value={r}>{zoneRelationLabel(r, lang)}</option>)}
          </select>
          <select aria-label={`${label} · ${t('zonesTitle')}`} value={c.zoneType} onChange={(e) => onChange({ ...c, zoneType: e.target.value as typeof c.zoneType })}>
            {ZONE_TYPES.map((z) => <option key={z} value={z}>{zoneTypeLabel(z, lang)}</option>)}
          </select>
        </>
      )}
      <button type="button" className="link" onClick={onRemove} aria-label={`${label} · ${t('removeCondition')}`} title={t('removeCondition')}>×</button>
    </li>
  );
}

function RuleEditor({ rule, n, count, onChange, onMove, onRemove }: {
  rule: StandardRule; n: number; count: number; onChange: (r: StandardRule) => void; onMove: (by: -1 | 1) => void; onRemove: () => void;
}) {
  const { t, tf, lang } = useT();
  const label = tf('ruleN', { n });
  const setCondition = (i: number, c: StandardCondition | null) =>
    onChange({ ...rule, conditions: c ? rule.conditions.map((x, j) => (j === i ? c : x)) : rule.conditions.filter((_, j) => j !== i) });
  return (
    <li className="standard-rule" data-testid="standard-rule">
      <div className="standard-rule-head">
        <strong>{label}</strong>
        <span>{t('ruleSuggests')}</span>
        <select aria-label={`${label} · ${t('ruleSuggests')}`} value={rule.category} onChange={(e) => onChange({ ...rule, category: e.target.value as StandardRule['category'] })}>
          {STANDARD_CATEGORIES.map((c) => <option key={c} value={c}>{categoryLabel(c, lang)}</option>)}
        </select>
        <span className="standard-rule-tools">
          <button type="button" className="link" disabled={n === 1} onClick={() => onMove(-1)} title={t('moveUp')} aria-label={`${label} · ${t('moveUp')}`}>↑</button>
          <button type="button" className="link" disabled={n === count} onClick={() => onMove(1)} title={t('moveDown')} aria-label={`${label} · ${t('moveDown')}`}>↓</button>
          <button type="button" className="link" onClick={onRemove} title={t('removeRule')} aria-label={`${label} · ${t('removeRule')}`}>×</button>
        </span>
      </div>
      {rule.conditions.length === 0 ? <p className="muted">{t('ruleOtherwise')}</p> : (
        <ul className="standard-conditions">
          {rule.conditions.map((c, i) => (
            <ConditionEditor key={i} c={c} label={`${label} · ${i + 1}`} onChange={(x) => setCondition(i, x)} onRemove={() => setCondition(i, null)} />
          ))}
        </ul>
      )}
      <div className="buttons">
        <button type="button" className="link" onClick={() => onChange({ ...rule, conditions: [...rule.conditions, { kind: 'metric', metric: 'outputPerMu', op: 'lt', value: 150_000 }] })}>{t('addMetric')}</button>
        <button type="button" className="link" onClick={() => onChange({ ...rule, conditions: [...rule.conditions, { kind: 'zone', zoneType: 'ecologicalRedLine', relation: 'intersects' }] })}>{t('addZone')}</button>
      </div>
    </li>
  );
}

function MovesTable({ moves, caption }: { moves: StandardMove[]; caption: string }) {
  const { t, lang } = useT();
  return (
    <table className="standard-moves" data-testid="standard-moves">
      <caption className="muted">{caption}</caption>
      <thead><tr><th>{t('colFrom')}</th><th>{t('colTo')}</th><th className="num">{t('colCount')}</th></tr></thead>
      <tbody>
        {moves.map((m) => <tr key={`${m.from}>${m.to}`}><td>{suggestedLabel(m.from, lang)}</td><td>{suggestedLabel(m.to, lang)}</td><td className="num">{m.count}</td></tr>)}
      </tbody>
    </table>
  );
}

function Preview({ p }: { p: PreviewAnswer }) {
  const { t, tf, lang } = useT();
  return (
    <div className="standard-preview" data-testid="standard-preview">
      <h4>{tf('previewTitle', { to: p.to.version, from: p.from?.version ?? '—' })}</h4>
      <p>{tf('previewSummary', { parks: p.parks, moved: p.moved, before: p.contradictions.from, after: p.contradictions.to })}</p>
      {p.moved === 0 ? <p className="muted">{t('previewNone')}</p> : (
        <>
          <MovesTable moves={p.moves} caption={t('colMoved')} />
          <table className="standard-moves" data-testid="standard-districts">
            <caption className="muted">{t('standardByDistrictTitle')}</caption>
            <thead><tr><th>{t('colDistrict')}</th><th className="num">{t('colMoved')}</th><th>{t('colFrom')} → {t('colTo')}</th></tr></thead>
            <tbody>
              {p.byDistrict.map((d) => (
                <tr key={d.district}>
                  <td>{districtLabel(d.district, lang)}</td>
                  <td className="num">{d.moved}</td>
                  <td>{d.moves.map((m) => `${suggestedLabel(m.from, lang)}→${suggestedLabel(m.to, lang)} ${m.count}`).join(lang === 'en' ? '; ' : '；')}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </div>
  );
}

export function StandardPanel() {
  const ids = useId();
  const { t, tf, lang } = useT();
  const q = useStandard();
  const [rules, setRules] = useState<StandardRule[] | null>(null);
  const [note, setNote] = useState('');
  const [dirty, setDirty] = useState(false);
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<{ text: string; error: boolean } | null>(null);
  const [preview, setPreview] = useState<PreviewAnswer | null>(null);
  const draft = q.data?.draft ?? null;
  const active = q.data?.active ?? null;

  // The editor holds the draft's rules until they are saved.
  useEffect(() => {
    if (!dirty) {
      setRules(draft ? draft.rules : null);
      setNote(draft?.note ?? '');
    }
  }, [draft, dirty]);

  const act = async (work: () => Promise<string | null>) => {
    setBusy(true);
    setMessage(null);
    try {
      const text = await work();
      if (text) setMessage({ text, error: false });
    } catch (err) {
      setMessage({ text: errorText(err, lang), error: true });
    } finally {
      setBusy(false);
    }
  };
  const edit = (next: StandardRule[]) => {
    setRules(next);
    setDirty(true);
    setPreview(null);
  };
  const after = async (v: StandardVersion | null) => {
    setDirty(false);
    await refreshStandard();
    return v;
  };

  return (
    <PanelFrame kicker={t('standardKicker')} title={t('standardTitle')} titleId={`${ids}-title`} testId="standard-panel" focusKey="standard">
      <p className="hint">{t('standardIntro')}</p>
      <p className="hint warn">{t('standardJudgement')}</p>
      {q.isPending ? <p role="status">{t('standardLoading')}</p> : q.error ? (
        <p className="form-error" role="alert">{t('standardLoadError')}{errorText(q.error, lang)}</p>
      ) : (
        <>
          {active && (
            <details className="standard-active" data-testid="standard-active">
              <summary>{tf('activeVersion', { version: active.version, date: active.activatedAt ? formatDateTime(active.activatedAt, lang) : '—' })}</summary>
              <ol>
                {active.rules.map((r, i) => (
                  <li key={i}>
                    <strong>{categoryLabel(r.category, lang)}</strong>{lang === 'en' ? ' ' : ''}{t('ruleIf')}{lang === 'en' ? ' ' : ''}
                    {r.conditions.length ? r.conditions.map((c) => conditionText(c, lang)).join(lang === 'en' ? ` ${t('ruleAnd')} ` : t('ruleAnd')) : t('ruleOtherwise')}
                  </li>
                ))}
              </ol>
            </details>
          )}
          <h3>{t('zonesTitle')}</h3>
          {q.data.zones.length === 0 ? <p className="hint">{t('zonesNone')}</p> : (
            <ul className="plain">{q.data.zones.map((z) => <li key={z.zoneType}>{tf('zoneCount', { zone: zoneTypeLabel(z.zoneType, lang), count: z.count })}</li>)}</ul>
          )}
          <h3>{draft ? tf('draftVersion', { version: draft.version }) : t('rulesTitle')}</h3>
          {message && <p className={message.error ? 'form-error' : 'saved'} role={message.error ? 'alert' : 'status'} data-testid="standard-message">{message.text}</p>}
          {!draft || !rules ? (
            <>
              <p className="muted">{t('noDraft')}</p>
              <button type="button" disabled={busy || !active} data-testid="standard-new-draft"
                onClick={() => act(async () => { await after(await createDraft(active!.rules, '', active!.id)); return null; })}>
                {t('newDraft')}
              </button>
            </>
          ) : (
            <>
              <p className="hint">{t('rulesTitle')}</p>
              <ol className="standard-rules">
                {rules.map((r, i) => (
                  <RuleEditor key={i} rule={r} n={i + 1} count={rules.length}
                    onChange={(x) => edit(rules.map((y, j) => (j === i ? x : y)))}
                    onRemove={() => edit(rules.filter((_, j) => j !== i))}
                    onMove={(by) => {
                      const next = [...rules];
                      [next[i], next[i + by]] = [next[i + by], next[i]];
                      edit(next);
                    }}
                  />
                ))}
              </ol>
              <button type="button" className="link" onClick={() => edit([...rules, { category: 'upgrade', conditions: [] }])}>{t('addRule')}</button>
              <label className="block">{t('versionNote')}
                <input type="text" maxLength={500} value={note} onChange={(e) => { setNote(e.target.value); setDirty(true); }} />
              </label>
              {dirty && <p className="hint warn">{t('unsaved')}</p>}
              <div className="buttons">
                <button type="button" disabled={busy || !dirty} data-testid="standard-save"
                  onClick={() => act(async () => { await after(await saveDraft(draft.id, rules, note)); return t('standardSaved'); })}>{t('saveDraft')}</button>
                <button type="button" disabled={busy || dirty} data-testid="standard-preview-button"
                  onClick={() => act(async () => { setPreview(await fetchPreview(draft.id)); return null; })}>{t('previewDraft')}</button>
                <button type="button" disabled={busy || dirty} data-testid="standard-activate"
                  onClick={() => act(async () => {
                    const p = preview ?? await fetchPreview(draft.id);
                    setPreview(p);
                    if (!window.confirm(tf('activateConfirm', { version: draft.version, moved: p.moved }))) return null;
                    const v = await activateVersion(draft.id);
                    setPreview(null);
                    await after(v);
                    return tf('activated', { version: v.version });
                  })}>{t('activateDraft')}</button>
                <button type="button" disabled={busy} className="link"
                  onClick={() => act(async () => { await discardDraft(draft.id); setPreview(null); await after(null); return null; })}>{t('discardDraft')}</button>
              </div>
              {preview && <Preview p={preview} />}
            </>
          )}
          <h3>{t('historyTitle')}</h3>
          <ul className="plain" data-testid="standard-versions">
            {q.data.versions.map((v) => (
              <li key={v.id}>
                {tf('versionLine', { version: v.version, status: t(STATUS_KEYS[v.status]), rules: v.ruleCount, by: v.activatedBy ?? v.createdBy })}
                {v.note && <span className="muted"> · {v.note}</span>}
              </li>
            ))}
          </ul>
        </>
      )}
    </PanelFrame>
  );
}
