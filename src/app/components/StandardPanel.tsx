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
import { categoryLabel, districtLabel, formatDateTime } from '../i18n/format.ts';
import {
  conditionText, metricName, metricUnit, opName, relationName, stt, sttf, suggestedLabel, zoneTypeLabel, type StandardKey,
} from '../i18n/messages-standard.ts';
import { useAppStore } from '../state/store.ts';
import { errorText } from './error-text.ts';
import { PanelFrame } from './PanelFrame.tsx';
import { refreshStandard, useStandard } from './useStandard.ts';

const STATUS_KEYS: Record<string, StandardKey> = { active: 'statusActive', draft: 'statusDraft', retired: 'statusRetired' };

/** A threshold as the editor shows it (万元 for yuan per mu), and back. */
const shown = (c: Extract<StandardCondition, { kind: 'metric' }>, lang: Lang) => String(Number((c.value / metricUnit(c.metric, lang).factor).toPrecision(10)));

function ConditionEditor({ c, lang, onChange, onRemove, label }: {
  c: StandardCondition; lang: Lang; label: string; onChange: (c: StandardCondition) => void; onRemove: () => void;
}) {
  const [text, setText] = useState(c.kind === 'metric' ? shown(c, lang) : '');
  useEffect(() => {
    if (c.kind === 'metric') setText(shown(c, lang));
  }, [c, lang]);
  return (
    <li className="standard-condition">
      {c.kind === 'metric' ? (
        <>
          <select aria-label={`${label} · ${stt('metric_outputPerMu', lang)}`} value={c.metric} onChange={(e) => onChange({ ...c, metric: e.target.value as typeof c.metric })}>
            {STANDARD_METRICS.map((m) => <option key={m} value={m}>{metricName(m, lang)}</option>)}
          </select>
          <select aria-label={`${label} · ${stt('op_lt', lang)}`} value={c.op} onChange={(e) => onChange({ ...c, op: e.target.value as typeof c.op })}>
            {COMPARISONS.map((o) => <option key={o} value={o}>{opName(o, lang)}</option>)}
          </select>
          <input
            type="number" min={0} step="any" inputMode="decimal" className="threshold" aria-label={`${label} · ${stt('threshold', lang)}`} value={text}
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
          <select aria-label={`${label} · ${relationName('intersects', lang)}`} value={c.relation} onChange={(e) => onChange({ ...c, relation: e.target.value as typeof c.relation })}>
            {ZONE_RELATIONS.map((r) => <option key={r} value={r}>{relationName(r, lang)}</option>)}
          </select>
          <select aria-label={`${label} · ${stt('zonesTitle', lang)}`} value={c.zoneType} onChange={(e) => onChange({ ...c, zoneType: e.target.value as typeof c.zoneType })}>
            {ZONE_TYPES.map((z) => <option key={z} value={z}>{zoneTypeLabel(z, lang)}</option>)}
          </select>
        </>
      )}
      <button type="button" className="link" onClick={onRemove} aria-label={`${label} · ${stt('removeCondition', lang)}`} title={stt('removeCondition', lang)}>×</button>
    </li>
  );
}

function RuleEditor({ rule, n, count, lang, onChange, onMove, onRemove }: {
  rule: StandardRule; n: number; count: number; lang: Lang;
  onChange: (r: StandardRule) => void; onMove: (by: -1 | 1) => void; onRemove: () => void;
}) {
  const label = sttf('ruleN', lang, { n });
  const setCondition = (i: number, c: StandardCondition | null) =>
    onChange({ ...rule, conditions: c ? rule.conditions.map((x, j) => (j === i ? c : x)) : rule.conditions.filter((_, j) => j !== i) });
  return (
    <li className="standard-rule" data-testid="standard-rule">
      <div className="standard-rule-head">
        <strong>{label}</strong>
        <span>{stt('ruleSuggests', lang)}</span>
        <select aria-label={`${label} · ${stt('ruleSuggests', lang)}`} value={rule.category} onChange={(e) => onChange({ ...rule, category: e.target.value as StandardRule['category'] })}>
          {STANDARD_CATEGORIES.map((c) => <option key={c} value={c}>{categoryLabel(c, lang)}</option>)}
        </select>
        <span className="standard-rule-tools">
          <button type="button" className="link" disabled={n === 1} onClick={() => onMove(-1)} title={stt('moveUp', lang)} aria-label={`${label} · ${stt('moveUp', lang)}`}>↑</button>
          <button type="button" className="link" disabled={n === count} onClick={() => onMove(1)} title={stt('moveDown', lang)} aria-label={`${label} · ${stt('moveDown', lang)}`}>↓</button>
          <button type="button" className="link" onClick={onRemove} title={stt('removeRule', lang)} aria-label={`${label} · ${stt('removeRule', lang)}`}>×</button>
        </span>
      </div>
      {rule.conditions.length === 0 ? <p className="muted">{stt('ruleOtherwise', lang)}</p> : (
        <ul className="standard-conditions">
          {rule.conditions.map((c, i) => (
            <ConditionEditor key={i} c={c} lang={lang} label={`${label} · ${i + 1}`} onChange={(x) => setCondition(i, x)} onRemove={() => setCondition(i, null)} />
          ))}
        </ul>
      )}
      <div className="buttons">
        <button type="button" className="link" onClick={() => onChange({ ...rule, conditions: [...rule.conditions, { kind: 'metric', metric: 'outputPerMu', op: 'lt', value: 150_000 }] })}>{stt('addMetric', lang)}</button>
        <button type="button" className="link" onClick={() => onChange({ ...rule, conditions: [...rule.conditions, { kind: 'zone', zoneType: 'ecologicalRedLine', relation: 'intersects' }] })}>{stt('addZone', lang)}</button>
      </div>
    </li>
  );
}

function MovesTable({ moves, lang, caption }: { moves: StandardMove[]; lang: Lang; caption: string }) {
  return (
    <table className="standard-moves" data-testid="standard-moves">
      <caption className="muted">{caption}</caption>
      <thead><tr><th>{stt('colFrom', lang)}</th><th>{stt('colTo', lang)}</th><th className="num">{stt('colCount', lang)}</th></tr></thead>
      <tbody>
        {moves.map((m) => <tr key={`${m.from}>${m.to}`}><td>{suggestedLabel(m.from, lang)}</td><td>{suggestedLabel(m.to, lang)}</td><td className="num">{m.count}</td></tr>)}
      </tbody>
    </table>
  );
}

function Preview({ p, lang }: { p: PreviewAnswer; lang: Lang }) {
  return (
    <div className="standard-preview" data-testid="standard-preview">
      <h4>{sttf('previewTitle', lang, { to: p.to.version, from: p.from?.version ?? '—' })}</h4>
      <p>{sttf('previewSummary', lang, { parks: p.parks, moved: p.moved, before: p.contradictions.from, after: p.contradictions.to })}</p>
      {p.moved === 0 ? <p className="muted">{stt('previewNone', lang)}</p> : (
        <>
          <MovesTable moves={p.moves} lang={lang} caption={stt('colMoved', lang)} />
          <table className="standard-moves" data-testid="standard-districts">
            <caption className="muted">{stt('byDistrictTitle', lang)}</caption>
            <thead><tr><th>{stt('colDistrict', lang)}</th><th className="num">{stt('colMoved', lang)}</th><th>{stt('colFrom', lang)} → {stt('colTo', lang)}</th></tr></thead>
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
  const lang = useAppStore((s) => s.lang);
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
    <PanelFrame kicker={stt('standardKicker', lang)} title={stt('standardTitle', lang)} titleId={`${ids}-title`} testId="standard-panel" focusKey="standard">
      <p className="hint">{stt('standardIntro', lang)}</p>
      <p className="hint warn">{stt('standardJudgement', lang)}</p>
      {q.isPending ? <p role="status">{stt('standardLoading', lang)}</p> : q.error ? (
        <p className="form-error" role="alert">{stt('standardLoadError', lang)}{errorText(q.error, lang)}</p>
      ) : (
        <>
          {active && (
            <details className="standard-active" data-testid="standard-active">
              <summary>{sttf('activeVersion', lang, { version: active.version, date: active.activatedAt ? formatDateTime(active.activatedAt, lang) : '—' })}</summary>
              <ol>
                {active.rules.map((r, i) => (
                  <li key={i}>
                    <strong>{categoryLabel(r.category, lang)}</strong>{lang === 'en' ? ' ' : ''}{stt('ruleIf', lang)}{lang === 'en' ? ' ' : ''}
                    {r.conditions.length ? r.conditions.map((c) => conditionText(c, lang)).join(lang === 'en' ? ' and ' : '且') : stt('ruleOtherwise', lang)}
                  </li>
                ))}
              </ol>
            </details>
          )}
          <h3>{stt('zonesTitle', lang)}</h3>
          {q.data.zones.length === 0 ? <p className="hint">{stt('zonesNone', lang)}</p> : (
            <ul className="plain">{q.data.zones.map((z) => <li key={z.zoneType}>{sttf('zoneCount', lang, { zone: zoneTypeLabel(z.zoneType, lang), count: z.count })}</li>)}</ul>
          )}
          <h3>{draft ? sttf('draftVersion', lang, { version: draft.version }) : stt('rulesTitle', lang)}</h3>
          {message && <p className={message.error ? 'form-error' : 'saved'} role={message.error ? 'alert' : 'status'} data-testid="standard-message">{message.text}</p>}
          {!draft || !rules ? (
            <>
              <p className="muted">{stt('noDraft', lang)}</p>
              <button type="button" disabled={busy || !active} data-testid="standard-new-draft"
                onClick={() => act(async () => { await after(await createDraft(active!.rules, '', active!.id)); return null; })}>
                {stt('newDraft', lang)}
              </button>
            </>
          ) : (
            <>
              <p className="hint">{stt('rulesTitle', lang)}</p>
              <ol className="standard-rules">
                {rules.map((r, i) => (
                  <RuleEditor key={i} rule={r} n={i + 1} count={rules.length} lang={lang}
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
              <button type="button" className="link" onClick={() => edit([...rules, { category: 'upgrade', conditions: [] }])}>{stt('addRule', lang)}</button>
              <label className="block">{stt('versionNote', lang)}
                <input type="text" maxLength={500} value={note} onChange={(e) => { setNote(e.target.value); setDirty(true); }} />
              </label>
              {dirty && <p className="hint warn">{stt('unsaved', lang)}</p>}
              <div className="buttons">
                <button type="button" disabled={busy || !dirty} data-testid="standard-save"
                  onClick={() => act(async () => { await after(await saveDraft(draft.id, rules, note)); return stt('saved', lang); })}>{stt('saveDraft', lang)}</button>
                <button type="button" disabled={busy || dirty} data-testid="standard-preview-button"
                  onClick={() => act(async () => { setPreview(await fetchPreview(draft.id)); return null; })}>{stt('previewDraft', lang)}</button>
                <button type="button" disabled={busy || dirty} data-testid="standard-activate"
                  onClick={() => act(async () => {
                    const p = preview ?? await fetchPreview(draft.id);
                    setPreview(p);
                    if (!window.confirm(sttf('activateConfirm', lang, { version: draft.version, moved: p.moved }))) return null;
                    const v = await activateVersion(draft.id);
                    setPreview(null);
                    await after(v);
                    return sttf('activated', lang, { version: v.version });
                  })}>{stt('activateDraft', lang)}</button>
                <button type="button" disabled={busy} className="link"
                  onClick={() => act(async () => { await discardDraft(draft.id); setPreview(null); await after(null); return null; })}>{stt('discardDraft', lang)}</button>
              </div>
              {preview && <Preview p={preview} lang={lang} />}
            </>
          )}
          <h3>{stt('historyTitle', lang)}</h3>
          <ul className="plain" data-testid="standard-versions">
            {q.data.versions.map((v) => (
              <li key={v.id}>
                {sttf('versionLine', lang, { version: v.version, status: stt(STATUS_KEYS[v.status], lang), rules: v.ruleCount, by: v.activatedBy ?? v.createdBy })}
                {v.note && <span className="muted"> · {v.note}</span>}
              </li>
            ))}
          </ul>
        </>
      )}
    </PanelFrame>
  );
}
