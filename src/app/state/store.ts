// App state: plain data and pure actions (zustand). The map controller follows it; it never leads.
import { create } from 'zustand';
import { LANGS, type Lang } from '../../domain/taxonomy.ts';

export type LayerKey = 'districts' | 'villageParks' | 'valueParks';
export type MapStatus = 'loading' | 'ready' | 'error';

export interface AppState {
  lang: Lang;
  layers: Record<LayerKey, boolean>;
  mapStatus: MapStatus;
  mapError: string | null;
  setLang: (lang: Lang) => void;
  toggleLayer: (layer: LayerKey) => void;
  setMapStatus: (status: MapStatus, error?: string) => void;
}

const initialLang = (): Lang => {
  const fromUrl = new URLSearchParams(globalThis.location?.search ?? '').get('lang');
  return (LANGS as readonly string[]).includes(fromUrl ?? '') ? (fromUrl as Lang) : 'zh-Hans';
};

export const useAppStore = create<AppState>((set) => ({
  lang: initialLang(),
  layers: { districts: true, villageParks: true, valueParks: true },
  mapStatus: 'loading',
  mapError: null,
  setLang: (lang) => set({ lang }),
  toggleLayer: (layer) => set((s) => ({ layers: { ...s.layers, [layer]: !s.layers[layer] } })),
  setMapStatus: (mapStatus, error) => set({ mapStatus, mapError: error ?? null }),
}));
