// The status edit form for an official of the park's district or an administrator. Choices the
// workflow forbids are disabled; the save carries If-Match, and a 412 offers to re-apply. A change
// that needs the city's review (src/domain/renovation-review.ts) is submitted as a proposal instead:
// the form says so before, and the park keeps its status until an administrator approves it.
import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { reviewKinds } from '../../domain/renovation-review.ts';
import { label, taxonomy, type RenovationCategory, type RenovationProgress } from '../../domain/taxonomy.ts';
import { ApiError } from '../api/client.ts';
import { updateParkStatus } from '../api/endpoints.ts';
import { proposeParkChange } from '../api/endpoints-reviews.ts';
import { reviewKindsText } from '../i18n/labels.ts';
import type { ParkFeature, SessionUser } from '../api/types.ts';
import { todayInChina } from '../i18n/format.ts';
import { fieldLabel, problemText } from '../i18n/problem-text.ts';
import { errorText, fieldTexts } from '../i18n/error-text.ts';
import { changeFrom, draftProblems, isEmpty, statusOf, workflowProblem, type EditDraft } from '../models/park-edit-model.ts';
import { workflowActor } from '../../domain/permissions.ts';
import { refreshReviewRules, useReviewRules } from '../hooks/useReviews.ts';
import { proposalsChanged } from '../queries/invalidate.ts';
import { useT } from '../i18n/use-t.ts';

interface Props {
  park: ParkFeature;
  user: SessionUser;
  onSaved: (park: ParkFeature) => void;
  /** The park as it is now on the server, after a 412. */
  onConflict: (current: ParkFeature) => void;
}

export function ParkEditForm({ park, user, onSaved, onConflict }: Props) {
  const { t, tf, lang } = useT();
  const ids = useId();
  const current = statusOf(park.properties);
  const actor = workflowActor(user);
  const [draft, setDraft] = useState<EditDraft>({ ...current, reason: '', effectiveDate: todayInChina() });
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [fields, setFields] = useState<Record<string, string>>({});
  const [conflict, setConflict] = useState(false);
  const [savedVersion, setSavedVersion] = useState<number | null>(null);
  const [proposedId, setProposedId] = useState<number | null>(null);
  // Administrators are the city: their changes never wait, so they need not ask for the rules.
  const rules = useReviewRules(actor === 'official');
  const conflictBox = useRef<HTMLDivElement>(null);

  // The conflict notice appears below the fold of a long panel: bring it into view.
  useEffect(() => {
    if (conflict) conflictBox.current?.scrollIntoView({ block: 'nearest' });
  }, [conflict]);

  const wanted = { category: draft.category, progress: draft.progress, pilotYear: draft.pilotYear };
  const change = changeFrom(current, wanted);
  const problem = workflowProblem(current, wanted, actor);
  const review = problem || isEmpty(change) ? [] : reviewKinds(current, change, actor, rules);
  const allowed = (patch: Partial<EditDraft>) => workflowProblem(current, { ...wanted, ...patch }, actor) === null;
  const edit = (patch: Partial<EditDraft>) => {
    setDraft((d) => ({ ...d, ...patch }));
    setSavedVersion(null);
    setProposedId(null);
  };

  const save = async (e?: FormEvent) => {
    e?.preventDefault();
    const local = draftProblems(draft, park.properties.statusDate, lang);
    setFields(local);
    setError(null);
    if (Object.keys(local).length || problem || isEmpty(change)) return;
    setBusy(true);
    const body = { ...change, reason: draft.reason.trim(), effectiveDate: draft.effectiveDate };
    try {
      if (review.length) {
        const made = await proposeParkChange(park.id, park.properties.version, body);
        // Nothing changed yet: the form goes back to the park's status, and the panel lists the proposal.
        setConflict(false);
        setProposedId(made.id);
        setDraft((d) => ({ ...d, ...current, reason: '' }));
        void proposalsChanged();
        return;
      }
      const saved = await updateParkStatus(park.id, park.properties.version, body);
      setConflict(false);
      setSavedVersion(saved.properties.version);
      setDraft((d) => ({ ...d, reason: '' }));
      onSaved(saved);
    } catch (err) {
      const current412 = err instanceof ApiError && err.status === 412 ? (err.body as { current?: ParkFeature })?.current : undefined;
      if (current412) {
        setConflict(true);
        onConflict(current412);
      } else {
        // The review rules changed since they were read: read them again, so the form offers the right action.
        const code = err instanceof ApiError ? err.problem?.code : undefined;
        if (code === 'review_required' || code === 'review_not_needed') void refreshReviewRules();
        setError(errorText(err, lang));
        setFields(fieldTexts(err, lang));
      }
    } finally {
      setBusy(false);
    }
  };

  const discard = () => {
    setDraft((d) => ({ ...d, ...current, reason: '' }));
    setConflict(false);
    setFields({});
    setError(null);
  };

  const fieldError = (name: string) =>
    fields[name] ? <span className="field-error" id={`${ids}-${name}-err`}>{fields[name]}</span> : null;
  const describedBy = (name: string) => (fields[name] ? `${ids}-${name}-err` : undefined);
  const mark = (isCurrent: boolean, ok: boolean) => (isCurrent ? ` (${t('current')})` : ok ? '' : ` — ${t('notAllowed')}`);
  const otherFields = Object.entries(fields).filter(([k]) => !['category', 'progress', 'pilotYear', 'reason', 'effectiveDate'].includes(k));
  const fieldName = (k: string) => fieldLabel(k, lang);
  const canSubmit = !busy && !problem && !isEmpty(change);
  const submitLabel = busy ? t(review.length ? 'submitting' : 'saving') : review.length ? t('submitForReview') : null;

  return (
    <form className="edit-form" onSubmit={save} aria-labelledby={`${ids}-title`} noValidate data-testid="edit-form">
      <h3 id={`${ids}-title`}>{t('editTitle')}</h3>
      <label>
        {t('category')}
        <select name="category" value={draft.category} onChange={(e) => edit({ category: e.target.value as RenovationCategory })} aria-describedby={describedBy('category')}>
          {taxonomy.renovationCategories.map((c) => {
            const ok = allowed({ category: c.code });
            return <option key={c.code} value={c.code} disabled={!ok}>{label(c, lang)}{mark(c.code === current.category, ok)}</option>;
          })}
        </select>
        {fieldError('category')}
      </label>
      <label>
        {t('progress')}
        <select name="progress" value={draft.progress} onChange={(e) => edit({ progress: e.target.value as RenovationProgress })} aria-describedby={describedBy('progress')}>
          {taxonomy.renovationProgress.map((p) => {
            const ok = allowed({ progress: p.code });
            return <option key={p.code} value={p.code} disabled={!ok}>{label(p, lang)}{mark(p.code === current.progress, ok)}</option>;
          })}
        </select>
        {fieldError('progress')}
      </label>
      <label>
        {t('pilotYear')}
        <select name="pilotYear" value={draft.pilotYear ?? ''} onChange={(e) => edit({ pilotYear: e.target.value === '' ? null : Number(e.target.value) })} aria-describedby={describedBy('pilotYear')}>
          {[null, ...taxonomy.pilotYears].map((y) => {
            const ok = allowed({ pilotYear: y });
            return <option key={y ?? 'none'} value={y ?? ''} disabled={!ok}>{y ?? t('none')}{mark(y === current.pilotYear, ok)}</option>;
          })}
        </select>
        {fieldError('pilotYear')}
      </label>
      {problem ? (
        <p className="hint warn" role="status" data-testid="workflow-hint">{t('workflowProblem')}{problemText(problem, lang)}</p>
      ) : review.length ? (
        <p className="hint review" role="status" data-testid="review-notice">{tf('reviewNotice', { kinds: reviewKindsText(review, lang) })}</p>
      ) : isEmpty(change) && savedVersion === null && proposedId === null ? (
        <p className="hint" role="status">{t('noChange')}</p>
      ) : null}
      <label>
        {t('reason')}
        <textarea name="reason" rows={3} maxLength={2000} value={draft.reason} onChange={(e) => edit({ reason: e.target.value })} aria-invalid={!!fields.reason} aria-describedby={describedBy('reason')} required />
        {fieldError('reason')}
      </label>
      <label>
        {t('effectiveDate')}
        <input name="effectiveDate" type="date" value={draft.effectiveDate} min={park.properties.statusDate} max={todayInChina()} onChange={(e) => edit({ effectiveDate: e.target.value })} aria-invalid={!!fields.effectiveDate} aria-describedby={describedBy('effectiveDate')} required />
        {fieldError('effectiveDate')}
      </label>
      {otherFields.length > 0 && (
        <ul className="form-error">{otherFields.map(([k, v]) => <li key={k}>{fieldName(k)}{lang === 'en' ? ': ' : '：'}{v}</li>)}</ul>
      )}
      {conflict ? (
        <div className="conflict" role="alert" data-testid="conflict" ref={conflictBox}>
          <strong>{t('conflictTitle')}</strong>
          <p>{tf('conflictText', { version: park.properties.version })}</p>
          <div className="buttons">
            <button type="submit" disabled={!canSubmit}>{submitLabel ?? (busy ? t('saving') : t('reapply'))}</button>
            <button type="button" onClick={discard} disabled={busy}>{t('discard')}</button>
          </div>
        </div>
      ) : (
        <div className="buttons">
          <button type="submit" disabled={!canSubmit}>{submitLabel ?? (busy ? t('saving') : t('save'))}</button>
        </div>
      )}
      {error && <p className="form-error" role="alert">{error}</p>}
      {savedVersion !== null && !error && <p className="saved" role="status" data-testid="saved">{tf('saved', { version: savedVersion })}</p>}
      {proposedId !== null && !error && <p className="saved" role="status" data-testid="proposed">{tf('proposalSubmitted', { id: proposedId })}</p>}
    </form>
  );
}
