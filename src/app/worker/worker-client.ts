// The main thread's side of the enterprise worker: one promise per request, matched to its answer
// by seq. An `error` answer rejects the promise with a ProblemError carrying the worker's problem
// (error-text.ts words it in the user's language); a worker that fails or is terminated rejects
// everything still pending (worker_failed).
//
// Latest wins for `clusters`: when a newer clusters request has been sent, an older one that is
// still pending resolves with null instead of its (stale) features, so a map that pans quickly
// draws only the view it ended on. Other requests always resolve with their own answer.
import type { EnterpriseFilter } from '../../domain/enterprise-filter.ts';
import { problem, ProblemError, type Problem } from '../../domain/problems.ts';
import type { Envelope, FacetCountsMessage, Summary, ViewFeature, WorkerRequest, WorkerResponse } from '../../domain/worker-protocol.ts';
import type { PayloadDictionaries } from '../../domain/enterprise-payload.ts';
import type { MultiPolygon, Polygon } from 'geojson';

/** What the client needs of a Worker (a fake one in tests). */
export interface WorkerLike {
  postMessage(message: Envelope<WorkerRequest>): void;
  terminate(): void;
  onmessage: ((event: { data: Envelope<WorkerResponse> }) => void) | null;
  onerror: ((event: { message?: string }) => void) | null;
}

export interface LoadResult {
  count: number;
  dictionaries: PayloadDictionaries;
  /** True when the payload carries revenue (roles that may see it). */
  confidential: boolean;
  demo: boolean;
  /** Payload size after decompression. */
  bytes: number;
  /** Worker time: fetch and decode. */
  ms: number;
}

export interface FilterResult {
  counts: FacetCountsMessage;
  summary: Summary;
  ms: number;
}

export interface ClustersResult {
  features: ViewFeature[];
  /** Worker time, including rebuilding the cluster index after a filter or area change. */
  ms: number;
}

export interface LocateResult {
  id: number;
  lon: number;
  lat: number;
}

type Answer<T extends WorkerResponse['type']> = Extract<WorkerResponse, { type: T }>;

interface Pending {
  expect: WorkerResponse['type'];
  resolve: (body: WorkerResponse) => void;
  reject: (err: Error) => void;
}

export function createEnterpriseWorker(): WorkerLike {
  return new Worker(new URL('./enterprise-worker.ts', import.meta.url), { type: 'module', name: 'enterprises' }) as unknown as WorkerLike;
}

const stopped = (why: string) => new ProblemError(problem('worker_failed'), why);

export class EnterpriseWorkerClient {
  private readonly worker: WorkerLike;
  private readonly pending = new Map<number, Pending>();
  private seq = 0;
  private latestClusters = -1;
  private dead: string | null = null;

  /** Starts the worker (or uses the one given, e.g. a fake in tests). */
  constructor(worker: WorkerLike = createEnterpriseWorker()) {
    this.worker = worker;
    worker.onmessage = (event) => this.receive(event.data);
    worker.onerror = (event) => this.fail(`The enterprise worker failed${event?.message ? `: ${event.message}` : ''}.`);
  }

  /** Fetches and decodes the payload in the worker (the URL is resolved against the page's). Filter and area start empty. */
  async load(url: string): Promise<LoadResult> {
    const absolute = typeof location === 'undefined' ? url : new URL(url, location.href).href;
    const { type: _type, ...rest } = await this.request({ type: 'load', url: absolute }, 'loaded');
    return rest;
  }

  /** Replaces the filter; answers the live facet counts and the summary of the matches. */
  async setFilter(filter: EnterpriseFilter): Promise<FilterResult> {
    const { counts, summary, ms } = await this.request({ type: 'setFilter', filter }, 'filtered');
    return { counts, summary, ms };
  }

  /** Restricts the matches to an area (null clears it), ANDed with the filter. */
  async setArea(area: Polygon | MultiPolygon | null): Promise<FilterResult> {
    const { counts, summary, ms } = await this.request({ type: 'setArea', area }, 'filtered');
    return { counts, summary, ms };
  }

  /** Clusters and points of the matches in bbox [west, south, east, north] at zoom; null when a newer clusters request superseded this one. */
  async clusters(bbox: [number, number, number, number], zoom: number): Promise<ClustersResult | null> {
    const answer = this.request({ type: 'clusters', bbox, zoom }, 'clusters');
    const seq = (this.latestClusters = this.seq);
    const { features, ms } = await answer;
    return seq === this.latestClusters ? { features, ms } : null;
  }

  /** The zoom at which a cluster (its properties.bubbleId) splits into several. */
  async expansionZoom(bubbleId: number): Promise<number> {
    return (await this.request({ type: 'expansionZoom', bubbleId }, 'expansionZoom')).zoom;
  }

  /** Enterprise ids under a cluster, at most `limit`. */
  async leaves(bubbleId: number, limit: number): Promise<number[]> {
    return (await this.request({ type: 'leaves', bubbleId, limit }, 'leaves')).ids;
  }

  /** Position of an enterprise (whether or not it matches the filter); null when there is no such id. */
  async locate(id: number): Promise<LocateResult | null> {
    const r = await this.request({ type: 'locate', id }, 'located');
    return r.lon === null ? null : { id: r.id, lon: r.lon, lat: r.lat };
  }

  /** A page of the ids of the matches, and their total. */
  async selectedIds(limit: number, offset = 0): Promise<{ ids: number[]; total: number }> {
    const { ids, total } = await this.request({ type: 'selectedIds', limit, offset }, 'selectedIds');
    return { ids, total };
  }

  /** Stops the worker; pending and later requests reject. */
  terminate(): void {
    this.worker.terminate();
    this.fail('The enterprise worker was stopped.');
  }

  private request<T extends WorkerResponse['type']>(body: WorkerRequest, expect: T): Promise<Answer<T>> {
    if (this.dead) return Promise.reject(stopped(this.dead));
    const seq = ++this.seq;
    return new Promise<Answer<T>>((resolve, reject) => {
      this.pending.set(seq, { expect, resolve: resolve as (b: WorkerResponse) => void, reject });
      try {
        this.worker.postMessage({ seq, body });
      } catch (err) {
        this.pending.delete(seq);
        reject(err instanceof Error ? err : new Error(String(err)));
      }
    });
  }

  private receive(message: Envelope<WorkerResponse>): void {
    const p = this.pending.get(message?.seq);
    if (!p) return;
    this.pending.delete(message.seq);
    const body = message.body;
    // The worker's problem travelled as JSON: its code is checked where it is worded (problem-text.ts).
    if (body.type === 'error') p.reject(new ProblemError(body.problem as Problem, body.message));
    else if (body.type !== p.expect) p.reject(stopped(`The enterprise worker answered "${body.type}" where "${p.expect}" was expected.`));
    else p.resolve(body);
  }

  private fail(why: string): void {
    this.dead ??= why;
    for (const p of this.pending.values()) p.reject(stopped(why));
    this.pending.clear();
  }
}
