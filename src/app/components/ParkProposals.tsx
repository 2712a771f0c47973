// The park panel's proposals awaiting the city's review (from the same cached queue as the map and
// the review queue): what the district proposed, and for a city administrator the decision.
import type { ParkFeature } from '../api/types.ts';
import { useAppStore } from '../state/store.ts';
import { errorText } from '../i18n/error-text.ts';
import { ProposalCard } from './ProposalCard.tsx';
import { usePendingProposals } from '../hooks/useReviews.ts';
import { mayDecideProposals } from '../../domain/permissions.ts';
import { useT } from '../i18n/use-t.ts';

export function ParkProposals({ parkId, onApproved }: { parkId: number; onApproved: (park: ParkFeature) => void }) {
  const { t, lang } = useT();
  const user = useAppStore((s) => s.user);
  const queue = usePendingProposals();
  const mine = queue.items.filter((p) => p.parkId === parkId);
  if (queue.error) return <p className="form-error" role="alert">{t('pendingLoadError')}{errorText(queue.error, lang)}</p>;
  if (!mine.length) return null;
  return (
    <section className="pending" aria-labelledby={`pending-${parkId}`} data-testid="park-pending">
      <h3 id={`pending-${parkId}`}>{t('pendingTitle')}</h3>
      <ol className="proposals">
        {mine.map((p) => (
          <ProposalCard key={p.id} proposal={p} canDecide={mayDecideProposals(user)} onDecided={(_, d) => d.kind === 'approved' && onApproved(d.park)} />
        ))}
      </ol>
    </section>
  );
}
