// The review queue (architecture §4, "Review of district proposals"): proposals awaiting the city,
// oldest first, with their counts per district (a district button narrows the list); a city
// administrator approves with a comment or returns with a reason, and switches the kinds of change
// that need review. Planners read the queue; an official sees their district's (the server decides).
import { useId, useState } from 'react';
import { REVIEW_KINDS, type ReviewKind } from '../../domain/renovation-review.ts';
import { taxonomy } from '../../domain/taxonomy.ts';
import { setReviewRule } from '../api/endpoints-reviews.ts';
import type { Proposal } from '../api/types.ts';
import { districtLabel, reviewKindLabel } from '../i18n/labels.ts';
import { useAppStore } from '../state/store.ts';
import { errorText } from '../i18n/error-text.ts';
import { PanelFrame } from './PanelFrame.tsx';
import { ProposalCard, type Decision } from './ProposalCard.tsx';
import { refreshReviewRules, usePendingProposals, useReviewRules } from '../hooks/useReviews.ts';
import { mayDecideProposals } from '../../domain/permissions.ts';
import { useT } from '../i18n/use-t.ts';

function ReviewRulesEditor() {
  const { t, lang } = useT();
  const rules = useReviewRules(true);
  const [busy, setBusy] = useState<ReviewKind | null>(null);
  const [error, setError] = useState<string | null>(null);
  const toggle = async (kind: ReviewKind, on: boolean) => {
    setBusy(kind);
    setError(null);
    try {
      await setReviewRule(kind, on);
      await refreshReviewRules();
    } catch (err) {
      setError(t('reviewRulesError') + errorText(err, lang));
    } finally {
      setBusy(null);
    }
  };
  return (
    <fieldset className="review-rules" data-testid="review-rules">
      <legend>{t('reviewRulesTitle')}</legend>
      {REVIEW_KINDS.map((k) => (
        <label key={k}>
          <input type="checkbox" name={k} checked={rules[k]} disabled={busy !== null} onChange={(e) => toggle(k, e.target.checked)} /> {reviewKindLabel(k, lang)}
        </label>
      ))}
      {error && <p className="form-error" role="alert">{error}</p>}
    </fieldset>
  );
}

export function ReviewPanel() {
  const ids = useId();
  const { t, tf, lang } = useT();
  const user = useAppStore((s) => s.user);
  const queue = usePendingProposals();
  const [district, setDistrict] = useState<string | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const canDecide = mayDecideProposals(user);
  const shown = district ? queue.items.filter((p) => p.district === district) : queue.items;
  const counted = taxonomy.districts.filter((d) => queue.countsByDistrict[d.code]);

  const decided = (p: Proposal, d: Decision) =>
    setMessage(tf('reviewDecidedOn', { park: p.parkName, result: d.kind === 'approved' ? tf('approved', { version: d.park.properties.version }) : t('returned') }));

  return (
    <PanelFrame kicker={t('reviewOpen')} title={t('reviewTitle')} titleId={`${ids}-title`} testId="review-panel" focusKey="reviews">
      <p className="hint">{t('reviewIntro')}</p>
      {!canDecide && <p className="hint">{t('reviewReadOnly')}</p>}
      {canDecide && <ReviewRulesEditor />}
      <h3>{t('reviewCounts')}</h3>
      <div className="review-counts buttons" role="group" aria-label={t('reviewCounts')} data-testid="review-counts">
        <button type="button" aria-pressed={district === null} onClick={() => setDistrict(null)}>{t('reviewAll')} <span className="count">{queue.total}</span></button>
        {counted.map((d) => (
          <button key={d.code} type="button" aria-pressed={district === d.code} data-district={d.code} onClick={() => setDistrict(d.code)}>
            {districtLabel(d.code, lang)} <span className="count">{queue.countsByDistrict[d.code]}</span>
          </button>
        ))}
      </div>
      {message && <p className="saved" role="status" data-testid="review-message">{message}</p>}
      {queue.error ? (
        <p className="form-error" role="alert">{t('reviewLoadError')}{errorText(queue.error, lang)}</p>
      ) : queue.pending ? (
        <p role="status">{t('reviewLoading')}</p>
      ) : !shown.length ? (
        <p data-testid="review-empty">{t('reviewEmpty')}</p>
      ) : (
        <ol className="proposals" data-testid="review-list">
          {shown.map((p) => <ProposalCard key={p.id} proposal={p} showPark canDecide={canDecide} onDecided={decided} />)}
        </ol>
      )}
      {queue.items.length < queue.total && <p className="hint">{tf('reviewMore', { shown: queue.items.length, total: queue.total })}</p>}
    </PanelFrame>
  );
}
