// The enterprise worker and its first payload load, started before the app's script has arrived.
// The payload is the first screen's longest wait; src/app/main.tsx, index.html's small entry, calls
// startEnterpriseLoad as soon as its few kilobytes are in, before it loads React, the map and the
// rest. The enterprise layer hook takes the load when it mounts.
import { EnterpriseWorkerClient, type LoadResult } from './worker-client.ts';

export interface EarlyLoad {
  client: EnterpriseWorkerClient;
  load: Promise<LoadResult>;
}

let early: EarlyLoad | null = null;

/** Starts the worker and the payload load (once; a second call does nothing). */
export function startEnterpriseLoad(url: string): void {
  if (early) return;
  const client = new EnterpriseWorkerClient();
  const load = client.load(url);
  load.catch(() => undefined); // the hook takes this promise and reports a failure
  early = { client, load };
}

/** The load started early, if any; the caller owns it from now on. */
export function takeEarlyLoad(): EarlyLoad | null {
  const taken = early;
  early = null;
  return taken;
}
