// The camera: where the map is (centre, zoom) and where it is asked to go. It is not app state in
// a zustand store on purpose (architecture §4, "The stores"): the map reports a new camera after
// every pan and zoom, and a store update would re-render every component that reads the store.
// Only the map shows the camera, so it is a plain holder. The map (MapView) writes it. The
// permalink writer (useUrlSync) is its one subscriber. Other readers call `getCamera()` when they
// need it, e.g. in a click handler, so reading it never re-renders anything.
import type { Camera } from './types.ts';
import { linkAtStart } from './link-at-start.ts';

/** A request to move the map to a point (and zoom) or a box. */
export interface FlyTarget {
  center?: [number, number];
  zoom?: number;
  bounds?: [number, number, number, number];
}

let camera: Camera = { center: linkAtStart.center, zoom: linkAtStart.zoom };
const cameraListeners = new Set<(camera: Camera) => void>();
let flyListener: ((target: FlyTarget) => void) | null = null;
/** A request made while no map listened (before the map is created); the map takes it when it starts listening. */
let pendingFly: FlyTarget | null = null;

export const getCamera = (): Camera => camera;

/** The map moved (MapView calls this after every move). Tells the subscribers only, never a store. */
export function setCamera(next: Camera): void {
  if (next.zoom === camera.zoom && next.center[0] === camera.center[0] && next.center[1] === camera.center[1]) return;
  camera = { center: [next.center[0], next.center[1]], zoom: next.zoom };
  for (const listener of cameraListeners) listener(camera);
}

export function subscribeCamera(listener: (camera: Camera) => void): () => void {
  cameraListeners.add(listener);
  return () => cameraListeners.delete(listener);
}

/** Asks the map to fly somewhere (a search hit, a block, an enterprise, the chosen districts). */
export function flyTo(target: FlyTarget): void {
  if (flyListener) flyListener(target);
  else pendingFly = target;
}

/** The map's side of `flyTo`: one listener, the map that is on screen. */
export function onFlyRequest(listener: (target: FlyTarget) => void): () => void {
  flyListener = listener;
  if (pendingFly) {
    const target = pendingFly;
    pendingFly = null;
    listener(target);
  }
  return () => {
    if (flyListener === listener) flyListener = null;
  };
}
