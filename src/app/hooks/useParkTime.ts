// Village parks in time: the statuses as they stood on the map's chosen date (or on the later of
// two dates) and, in the changes mode, which parks changed in between. Shared by the map (colours,
// outlines) and the time control (counts) through the query cache, so each date is fetched once.
import { useMemo } from 'react';
import { parkChanges, type ParkChangeCounts } from '../../domain/park-changes.ts';
import type { ParkStatusItem } from '../api/types.ts';
import { useParkStatuses } from '../queries/parks.ts';
import { useAppStore, type ParkStatuses } from '../state/store.ts';

/** The statuses on a date (queries/parks.ts: an edit or an import asks again); none asked without a date. */
const useStatusesOn = (date: string | null) => useParkStatuses(date ?? '', date !== null);

export interface ParkTime {
  /** Statuses to draw instead of the live ones; null = draw the live ones. */
  statuses: ParkStatuses | null;
  /** Parks that changed between the two dates (changes mode only). */
  changed: ReadonlySet<number> | null;
  counts: ParkChangeCounts | null;
  pending: boolean;
  error: unknown;
}

export function useParkTime(): ParkTime {
  const time = useAppStore((s) => s.time);
  const later = useStatusesOn(time ? (time.kind === 'asOf' ? time.date : time.to) : null);
  const earlier = useStatusesOn(time?.kind === 'changes' ? time.from : null);
  return useMemo(() => {
    const statuses = later.data ? Object.fromEntries(later.data.map((p) => [p.id, p])) as Record<number, ParkStatusItem> : null;
    const diff = time?.kind === 'changes' && later.data && earlier.data ? parkChanges(earlier.data, later.data) : null;
    return {
      statuses: time ? statuses : null,
      changed: diff?.ids ?? null,
      counts: diff?.counts ?? null,
      pending: !!time && (later.isPending || (time.kind === 'changes' && earlier.isPending)),
      error: later.error ?? earlier.error,
    };
  }, [time, later.data, earlier.data, later.isPending, earlier.isPending, later.error, earlier.error]);
}
