// The app's long-lived service objects: the enterprise worker's client and the map's controller.
// They are objects with methods and a lifetime, not data, so they stay out of the zustand stores
// (architecture §4, "The stores"). Whoever creates one provides it here and withdraws it on
// cleanup: useEnterpriseWorker the client, MapView the controller. Components that call them read
// them with `useService`. That re-renders only when a service comes or goes, never on a change of
// app state.
import { useSyncExternalStore } from 'react';
import type { MapController } from './map/map-controller.ts';
import type { EnterpriseWorkerClient } from './worker/worker-client.ts';

export interface Services {
  /** The worker that holds the enterprise payload (filter, clusters, paging through the matches). */
  enterpriseWorker: EnterpriseWorkerClient | null;
  /** The map on screen (the only maplibre code). */
  map: MapController | null;
}

let services: Services = { enterpriseWorker: null, map: null };
const listeners = new Set<() => void>();

export const getService = <K extends keyof Services>(key: K): Services[K] => services[key];

/** Makes a service available (or withdraws it with null). */
export function provideService<K extends keyof Services>(key: K, value: Services[K]): void {
  if (services[key] === value) return;
  services = { ...services, [key]: value };
  for (const listener of listeners) listener();
}

/** Withdraws `value` if it is still the one provided (a newer one stays). */
export function withdrawService<K extends keyof Services>(key: K, value: NonNullable<Services[K]>): void {
  if (services[key] === value) provideService(key, null);
}

const subscribe = (listener: () => void) => {
  listeners.add(listener);
  return () => {
    listeners.delete(listener);
  };
};

/** The service, re-rendering when it comes or goes. */
export function useService<K extends keyof Services>(key: K): Services[K] {
  return useSyncExternalStore(subscribe, () => services[key]);
}
