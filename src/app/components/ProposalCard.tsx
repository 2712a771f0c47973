// One district proposal awaiting the city's review: what it changes and why, who proposed it, and,
// for a city administrator, a comment box with Approve and Return. Used by the review queue and the
// park panel. The server decides (403 for others, 409 when the park changed since); an approval's
// park goes into the store at once, so the map recolours it.
import { useId, useState } from 'react';
import { approveProposal, returnProposal } from '../api/endpoints-reviews.ts';
import type { ParkFeature, Proposal } from '../api/types.ts';
import { formatDateTime, statusSummary } from '../i18n/format.ts';
import { districtLabel, reviewKindsText } from '../i18n/labels.ts';
import { useAppStore } from '../state/store.ts';
import { errorText } from '../i18n/error-text.ts';
import { parkChanged, proposalsChanged } from '../queries/invalidate.ts';
import { useT } from '../i18n/use-t.ts';

export type Decision = { kind: 'approved'; park: ParkFeature } | { kind: 'returned' };

interface Props {
  proposal: Proposal;
  showPark?: boolean;
  canDecide: boolean;
  onDecided?: (proposal: Proposal, decision: Decision) => void;
}

export function ProposalCard({ proposal: p, showPark = false, canDecide, onDecided }: Props) {
  const { t, tf, lang } = useT();
  const ids = useId();
  const selectPark = useAppStore((s) => s.selectPark);
  const [comment, setComment] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const decide = async (kind: Decision['kind']) => {
    if (!comment.trim()) return setError(t('reviewCommentRequired'));
    setBusy(true);
    setError(null);
    try {
      if (kind === 'approved') {
        const { park } = await approveProposal(p.id, comment.trim());
        void parkChanged(park);
        onDecided?.(p, { kind, park });
      } else {
        await returnProposal(p.id, comment.trim());
        onDecided?.(p, { kind });
      }
      await proposalsChanged();
    } catch (err) {
      setError(errorText(err, lang));
      // A proposal decided or made stale elsewhere: show the queue as it is now.
      void proposalsChanged();
    } finally {
      setBusy(false);
    }
  };

  return (
    <li className="proposal" data-testid="proposal" data-proposal={p.id} data-park={p.parkId} data-stale={p.stale}>
      {showPark && (
        <div className="proposal-park">
          <button type="button" className="link" onClick={() => selectPark(p.parkId)} title={t('showPark')}>{p.parkName}</button>
          <span className="muted"> · {districtLabel(p.district, lang)} · {p.town}</span>
        </div>
      )}
      <div className="when">
        <strong>{tf('proposalNo', { id: p.id })}</strong> · {tf('proposedBy', { user: p.submittedBy, time: formatDateTime(p.submittedAt, lang) })}
      </div>
      <div className="change">{statusSummary(p.from, lang)} → <strong>{statusSummary(p.to, lang)}</strong></div>
      <div className="effective">{t('reviewKindsLabel')}{reviewKindsText(p.kinds, lang)} · {tf('effectiveOn', { date: p.effectiveDate })}</div>
      <p className="reason">{p.reason}</p>
      {p.stale && <p className="hint warn" data-testid="proposal-stale">{tf('proposalStale', { base: p.baseVersion, current: p.currentVersion })}</p>}
      {canDecide && (
        <div className="decision">
          <label htmlFor={`${ids}-comment`}>{t('reviewComment')}</label>
          <textarea id={`${ids}-comment`} name="comment" rows={2} maxLength={2000} value={comment} onChange={(e) => setComment(e.target.value)} />
          <div className="buttons">
            <button type="button" data-testid="approve" onClick={() => decide('approved')} disabled={busy || p.stale}>{busy ? t('deciding') : t('approve')}</button>
            <button type="button" data-testid="return" onClick={() => decide('returned')} disabled={busy}>{t('returnProposal')}</button>
          </div>
        </div>
      )}
      {error && <p className="form-error" role="alert">{error}</p>}
    </li>
  );
}
