// The village-park legend's toggle that marks the parks whose category contradicts the classification
// standard (a dotted red outline, MapView + map-controller), with how many there are. Only for the
// roles that see the standard's suggestions, and only on the live map.
import type { Lang } from '../../domain/taxonomy.ts';
import { stt, sttf } from '../i18n/messages-standard.ts';
import { CONTRADICTION_COLOR } from '../map/park-overlay.ts';
import { useStandardStore } from '../state/standard-store.ts';
import { useAppStore } from '../state/store.ts';
import { maySeeSuggestions, useContradictions } from './useStandard.ts';

export function ContradictionToggle({ lang }: { lang: Lang }) {
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
        {stt('contradictionToggle', lang)}
        {on && count !== null && <span className="muted" data-testid="contradiction-count"> · {sttf('contradictionCount', lang, { count })}</span>}
      </label>
    </li>
  );
}
