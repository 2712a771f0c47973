// The detail panel of one village park: facts for everyone, proposals awaiting the city's review
// and the edit form for those who may see or change them, and the history for logged-in users
// other than viewers.
import { useEffect, useRef } from 'react';
import type { ParkFeature } from '../api/types.ts';
import { districtLabel } from '../i18n/labels.ts';
import { useAppStore } from '../state/store.ts';
import { errorText } from '../i18n/error-text.ts';
import { parkChanged } from '../queries/invalidate.ts';
import { usePark } from '../queries/parks.ts';
import { ParkEditForm } from './ParkEditForm.tsx';
import { ParkFacts } from './ParkFacts.tsx';
import { ParkHistory } from './ParkHistory.tsx';
import { ParkProposals } from './ParkProposals.tsx';
import { ParkStandard } from './ParkStandard.tsx';

import { usePendingProposals } from '../hooks/useReviews.ts';
import { BufferAroundButton } from './BufferAroundButton.tsx';
import { mayEditPark, maySeeHistory, maySeeProposals, maySeeSuggestions } from '../../domain/permissions.ts';
import { useT } from '../i18n/use-t.ts';

export function ParkPanel({ id }: { id: number }) {
  const { t, tf, lang } = useT();
  const user = useAppStore((s) => s.user);
  const closePanel = useAppStore((s) => s.closePanel);
  // Asked again when the user changes (the key holds the viewer): confidential figures depend on the role.
  const { data: park, error } = usePark(id);
  const heading = useRef<HTMLHeadingElement>(null);
  // The park's pending proposals: the history reloads when they change (a proposal changes no version).
  const reviewKey = usePendingProposals().items.filter((p) => p.parkId === id).map((p) => p.id).join(',');

  // The park as the server answered an edit, an approval or a 412: shown here and on the map.
  const show = (p: ParkFeature) => void parkChanged(p);
  // Keeps the map in step with what the panel shows (the statuses list may be older; the store keeps the higher version).
  const updateParkStatus = useAppStore((s) => s.updateParkStatus);
  useEffect(() => {
    if (!park) return;
    const { category, progress, pilotYear, version, district, town } = park.properties;
    updateParkStatus({ id: park.id, category, progress, pilotYear, version, district, town });
  }, [park, updateParkStatus]);

  useEffect(() => {
    if (park?.id === id) heading.current?.focus();
  }, [park?.id, id]);

  const loaded = park?.id === id ? park : null;
  return (
    <aside className="panel" aria-labelledby="park-title" data-testid="park-panel" onKeyDown={(e) => e.key === 'Escape' && closePanel()}>
      <header>
        <div>
          <div className="kicker">{t('parkPanel')}</div>
          <h2 id="park-title" ref={heading} tabIndex={-1}>{loaded ? loaded.properties.name : '…'}</h2>
        </div>
        <button type="button" className="close" onClick={closePanel} aria-label={t('close')} title={t('close')}>×</button>
      </header>
      {error ? (
        <p className="form-error" role="alert">{t('parkLoadError')}{errorText(error, lang)}</p>
      ) : !loaded ? (
        <p role="status">{t('loadingPark')}</p>
      ) : (
        <>
          {/* Keys differ between siblings: a key shared by the form and the history made React duplicate one of them. */}
          <ParkFacts park={loaded} />
          {maySeeSuggestions(user) && <ParkStandard parkId={loaded.id} category={loaded.properties.category} />}
          <div className="buttons"><BufferAroundButton kind="park" id={loaded.id} /></div>
          {maySeeProposals(user) && <ParkProposals parkId={loaded.id} onApproved={show} />}
          {user && mayEditPark(user, loaded.properties.district) && (
            <ParkEditForm key={`edit/${loaded.id}/${user.id}`} park={loaded} user={user} onSaved={show} onConflict={show} />
          )}
          {user?.role === 'official' && user.district && !mayEditPark(user, loaded.properties.district) && (
            <p className="hint" data-testid="park-not-editable">
              {tf('parkOtherDistrict', { parkDistrict: districtLabel(loaded.properties.district, lang), ownDistrict: districtLabel(user.district, lang) })}
            </p>
          )}
          {maySeeHistory(user) && <ParkHistory key={`history/${loaded.id}/${user!.id}`} parkId={loaded.id} version={loaded.properties.version} reviewKey={reviewKey} />}
        </>
      )}
    </aside>
  );
}
