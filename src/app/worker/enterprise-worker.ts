// The enterprise Web Worker's entry: holds the enterprises off the main thread (docs/architecture.md §4) and
// answers the requests of worker-protocol.ts. Created by worker-client.ts; the logic is in
// worker-handler.ts so that it is testable without a worker.
import type { Envelope, WorkerResponse } from '../../domain/worker-protocol.ts';
import { createWorkerHandler } from './worker-handler.ts';

const scope = self as unknown as DedicatedWorkerGlobalScope;
const handle = createWorkerHandler((message: Envelope<WorkerResponse>) => scope.postMessage(message), {
  fetch: (url, init) => fetch(url, init),
});
scope.onmessage = (event: MessageEvent) => void handle(event.data);
