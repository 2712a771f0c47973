// The app-wide work of the map's page, mounted once by App whatever is on screen: the session, the
// enterprise worker and its payload (useEnterpriseWorker), the live park statuses for the map (on
// load, after every log-in or log-out and after every change that invalidates them,
// queries/invalidate.ts), and the chosen area's geometry. The map on screen only draws them.
import { useEffect } from 'react';
import { fetchSession } from '../api/endpoints.ts';
import { isAbort } from '../i18n/error-text.ts';
import { useParkStatuses } from '../queries/parks.ts';
import { useAppStore } from '../state/store.ts';
import { useAreaResolver } from './useAreaResolver.ts';
import { useEnterpriseWorker } from './useEnterpriseLayer.ts';

/** Returns whether the live statuses could not be loaded (the map then says its colours may be old). */
export function useAppServices(): { statusesFailed: boolean } {
  const setUser = useAppStore((s) => s.setUser);
  const setParkStatuses = useAppStore((s) => s.setParkStatuses);
  useEffect(() => {
    fetchSession().then(setUser, () => setUser(null));
  }, [setUser]);

  // The store holds the live statuses (a single edit updates one entry there, keeping the higher version).
  const live = useParkStatuses(null);
  useEffect(() => {
    if (live.data) setParkStatuses(live.data);
  }, [live.data, setParkStatuses]);

  useEnterpriseWorker();
  useAreaResolver();
  return { statusesFailed: live.isError && !isAbort(live.error) };
}
