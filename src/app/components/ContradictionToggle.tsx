// The village-park legend's toggle that marks the parks whose category contradicts the classification
// standard (a dotted red outline, MapView + map-controller), with how many there are. Only for the
// roles that see the standard's suggestions, and only on the live map.
import { CONTRADICTION_COLOR } from '../map/park-overlay.ts';
import { useStandardStore } from '../state/standard-store.ts';
import { useAppStore } from '../state/store.ts';
import { useContradictions } from '../hooks/useStandard.ts';
import { maySeeSuggestions } from '../../domain/permissions.ts';
import { useT } from '../i18n/use-t.ts';

export function ContradictionToggle() {
  const { t, tf } = useT();
  const allowed = useAppStore((s) => maySeeSuggestions(s.user) && !s.time);
  const on = useStandardStore((s) => s.showContradictions);
  const setOn = useStandardStore((s) => s.setShowContradictions);
  const { count } = useContradictions(on && allowed);
  if (!allowed) return null;
  return (
    <li className="legend-note" data-testid="legend-contradictions">
      <label>
        <input type="checkbox" checked={on} onChange={(e) => setOn(e.target.checked)} data-testid="contradiction-toggle" />{' '}
        <span className="swatch outline dashed" style={{ borderColor: CONTRADICTION_COLOR, borderStyle: 'dotted' }} />{' '}
        {t('contradictionToggle')}
        {on && count !== null && <span className="muted" data-testid="contradiction-count"> · {tf('contradictionCount', { count })}</span>}
      </label>
    </li>
  );
}
