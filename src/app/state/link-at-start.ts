// The permalink the map's page was opened with, read once: the first values of the app store
// (store.ts) and of the camera (camera.ts). A module of its own so that importing the codec
// (url-state.ts, also used by the dashboard) reads nothing from the address bar.
import { stateFromUrl } from './url-state.ts';

export const linkAtStart = stateFromUrl(globalThis.location?.search ?? '');
