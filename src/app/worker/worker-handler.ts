// The enterprise worker's message handling, apart from `self` so tests drive it in Node with a fake
// postMessage and fetch. Requests are answered strictly in order (a load that is still fetching
// holds back the requests behind it), each answer echoing its request's seq; a failure becomes an
// `error` answer with a problem code (the app words it in the user's language) and never stops the
// requests after it.
import { problem, ProblemError, type ProblemRef } from '../../domain/problems.ts';
import type { Envelope, WorkerRequest, WorkerResponse } from '../../domain/worker-protocol.ts';
import { EnterpriseIndex } from './enterprise-index.ts';

export interface HandlerDeps {
  fetch: (url: string, init: RequestInit) => Promise<Response>;
  now?: () => number;
}

export type Post = (message: Envelope<WorkerResponse>) => void;

const round = (ms: number) => Math.round(ms * 10) / 10;

/** A failure as an `error` answer carries it: its problem and the English text. */
function failure(err: unknown, request: string): { message: string; problem: ProblemRef } {
  if (err instanceof ProblemError) {
    const message = err.problem.code === 'worker_cluster_gone' ? 'That cluster is no longer on the map (the filter or area changed); ask for the clusters again.' : err.message;
    return { message, problem: err.problem };
  }
  // Anything else is a fault of the app's own (a bug), not of the user's doing.
  return { message: err instanceof Error ? err.message : String(err), problem: problem('worker_bad_request', { request }) };
}

const fail = (code: 'worker_unreachable' | 'worker_payload_unreadable' | 'worker_not_loaded', message: string) => new ProblemError(problem(code), message);

async function fetchPayload(deps: HandlerDeps, url: string): Promise<ArrayBuffer> {
  let res: Response;
  try {
    res = await deps.fetch(url, { credentials: 'same-origin' });
  } catch (err) {
    throw fail('worker_unreachable', `Could not reach the server to load the enterprises (${err instanceof Error ? err.message : String(err)}).`);
  }
  if (!res.ok) {
    const why = res.status === 401 || res.status === 403 ? 'you are not allowed to see them' : `the server answered ${res.status} ${res.statusText}`.trim();
    throw new ProblemError(problem('worker_load_refused', { status: res.status }), `Could not load the enterprises: ${why}.`);
  }
  return res.arrayBuffer();
}

/** Answers one request against `index` (which `load` fills). */
export async function answer(index: EnterpriseIndex, req: WorkerRequest, deps: HandlerDeps): Promise<WorkerResponse> {
  const now = deps.now ?? (() => performance.now());
  const t0 = now();
  switch (req.type) {
    case 'load': {
      const buffer = await fetchPayload(deps, req.url);
      let info;
      try {
        info = index.load(buffer);
      } catch (err) {
        throw fail('worker_payload_unreadable', `The enterprise data could not be read: ${failure(err, 'load').message}`);
      }
      return { type: 'loaded', ...info, ms: round(now() - t0) };
    }
    case 'setFilter':
    case 'setArea': {
      if (req.type === 'setFilter') index.setFilter(req.filter);
      else index.setArea(req.area);
      return { type: 'filtered', counts: index.facetCounts(), summary: index.summary(), ms: round(now() - t0) };
    }
    case 'clusters': {
      if (!Array.isArray(req.bbox) || req.bbox.length !== 4 || !req.bbox.every(Number.isFinite) || !Number.isFinite(req.zoom))
        throw new ProblemError(problem('worker_bad_request', { request: 'clusters' }), 'Clusters need a bbox of four numbers [west, south, east, north] and a numeric zoom.');
      const features = index.clusters(req.bbox, req.zoom);
      return { type: 'clusters', features, ms: round(now() - t0) };
    }
    case 'expansionZoom':
      return { type: 'expansionZoom', zoom: index.expansionZoom(req.bubbleId) };
    case 'leaves':
      return { type: 'leaves', ids: index.leaves(req.bubbleId, req.limit) };
    case 'locate': {
      const at = index.locate(req.id);
      return at ? { type: 'located', id: at.id, lon: at.lon, lat: at.lat } : { type: 'located', id: req.id, lon: null, lat: null };
    }
    case 'selectedIds':
      return { type: 'selectedIds', ...index.selectedIds(req.limit, req.offset) };
    default:
      throw new ProblemError(problem('worker_bad_request', { request: String((req as { type?: unknown }).type) }), `Unknown request "${(req as { type?: unknown }).type}".`);
  }
}

/** Returns the function to call with each incoming message's data. */
export function createWorkerHandler(post: Post, deps: HandlerDeps, index = new EnterpriseIndex()): (data: unknown) => Promise<void> {
  let queue: Promise<void> = Promise.resolve();
  return (data: unknown) => {
    const env = data as Partial<Envelope<WorkerRequest>> | null;
    const seq = typeof env?.seq === 'number' ? env.seq : -1;
    queue = queue.then(async () => {
      try {
        if (!env || typeof env !== 'object' || !env.body || typeof env.body !== 'object')
          throw new ProblemError(problem('worker_bad_request', { request: 'envelope' }), 'Malformed request: expected { seq, body }.');
        if (env.body.type !== 'load' && !index.loaded) throw fail('worker_not_loaded', 'The enterprises are not loaded yet.');
        post({ seq, body: await answer(index, env.body, deps) });
        // The first view's clusters come from one scan (bubble-grid.ts); the grid's sort follows
        // at once, after the answer is on its way and before the next request.
        if (env.body.type === 'clusters' && index.clustersPending) index.prepareClusters();
      } catch (err) {
        post({ seq, body: { type: 'error', ...failure(err, String(env?.body?.type ?? 'envelope')) } });
      }
    });
    return queue;
  };
}
