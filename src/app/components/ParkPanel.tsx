// The detail panel of one village park: facts for everyone, proposals awaiting the city's review
// and the edit form for those who may see or change them, and the history for logged-in users
// other than viewers.
import { useEffect, useRef, useState } from 'react';
import { fetchPark } from '../api/endpoints.ts';
import type { ParkFeature } from '../api/types.ts';
import { districtLabel } from '../i18n/format.ts';
import { t, tf } from '../i18n/messages.ts';
import { mayEditPark, maySeeHistory, maySeeProposals, useAppStore } from '../state/store.ts';
import { errorText, isAbort } from './error-text.ts';
import { ParkEditForm } from './ParkEditForm.tsx';
import { ParkFacts } from './ParkFacts.tsx';
import { ParkHistory } from './ParkHistory.tsx';
import { ParkProposals } from './ParkProposals.tsx';
import { ParkStandard } from './ParkStandard.tsx';
import { maySeeSuggestions } from './useStandard.ts';
import { usePendingProposals } from './useReviews.ts';
import { BufferAroundButton } from './BufferAroundButton.tsx';

export function ParkPanel({ id }: { id: number }) {
  const { lang, user, closePanel, updateParkStatus } = useAppStore();
  const [park, setPark] = useState<ParkFeature | null>(null);
  const [error, setError] = useState<unknown>(null);
  const heading = useRef<HTMLHeadingElement>(null);
  // The park's pending proposals: the history reloads when they change (a proposal changes no version).
  const reviewKey = usePendingProposals().items.filter((p) => p.parkId === id).map((p) => p.id).join(',');

  // Keeps the map in step with what the panel shows (the statuses list may be older).
  const show = (p: ParkFeature) => {
    setPark(p);
    const { category, progress, pilotYear, version, district, town } = p.properties;
    updateParkStatus({ id: p.id, category, progress, pilotYear, version, district, town });
  };

  // Reloaded when the user changes: confidential figures depend on the role.
  useEffect(() => {
    const ac = new AbortController();
    setError(null);
    fetchPark(id, ac.signal).then(show, (err) => !isAbort(err) && setError(err));
    return () => ac.abort();
  }, [id, user?.id]);

  useEffect(() => {
    if (park?.id === id) heading.current?.focus();
  }, [park?.id, id]);

  const loaded = park?.id === id ? park : null;
  return (
    <aside className="panel" aria-labelledby="park-title" data-testid="park-panel" onKeyDown={(e) => e.key === 'Escape' && closePanel()}>
      <header>
        <div>
          <div className="kicker">{t('parkPanel', lang)}</div>
          <h2 id="park-title" ref={heading} tabIndex={-1}>{loaded ? loaded.properties.name : '…'}</h2>
        </div>
        <button type="button" className="close" onClick={closePanel} aria-label={t('close', lang)} title={t('close', lang)}>×</button>
      </header>
      {error ? (
        <p className="form-error" role="alert">{t('parkLoadError', lang)}{errorText(error, lang)}</p>
      ) : !loaded ? (
        <p role="status">{t('loadingPark', lang)}</p>
      ) : (
        <>
          {/* Keys differ between siblings: a key shared by the form and the history made React duplicate one of them. */}
          <ParkFacts park={loaded} lang={lang} />
          {maySeeSuggestions(user) && <ParkStandard parkId={loaded.id} category={loaded.properties.category} lang={lang} />}
          <div className="buttons"><BufferAroundButton kind="park" id={loaded.id} /></div>
          {maySeeProposals(user) && <ParkProposals parkId={loaded.id} lang={lang} onApproved={show} />}
          {user && mayEditPark(user, loaded.properties.district) && (
            <ParkEditForm key={`edit/${loaded.id}/${user.id}`} park={loaded} user={user} lang={lang} onSaved={show} onConflict={show} />
          )}
          {user?.role === 'official' && user.district && !mayEditPark(user, loaded.properties.district) && (
            <p className="hint" data-testid="park-not-editable">
              {tf('parkOtherDistrict', lang, { parkDistrict: districtLabel(loaded.properties.district, lang), ownDistrict: districtLabel(user.district, lang) })}
            </p>
          )}
          {maySeeHistory(user) && <ParkHistory key={`history/${loaded.id}/${user!.id}`} parkId={loaded.id} version={loaded.properties.version} reviewKey={reviewKey} lang={lang} />}
        </>
      )}
    </aside>
  );
}
