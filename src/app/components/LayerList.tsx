// Layer switches with their legends, the village-park overlay switch and the optional basemap.
import { basemapHosts } from '../api/runtime-config.ts';
import { type MessageKey } from '../i18n/messages.ts';
import type { BasemapConfig } from '../map/basemap.ts';
import { useAppStore } from '../state/store.ts';
import { LAYER_KEYS, OVERLAYS, type Overlay } from '../state/types.ts';
import { ChoroplethControl } from './ChoroplethControl.tsx';
import { Legend } from './Legends.tsx';
import { TimeControl } from './TimeControl.tsx';
import { useT } from '../i18n/use-t.ts';

const OVERLAY_KEYS: Record<Overlay, MessageKey> = { category: 'overlayCategory', progress: 'overlayProgress', efficiency: 'overlayEfficiency' };

function OverlaySwitch() {
  const { t } = useT();
  const overlay = useAppStore((s) => s.overlay);
  const setOverlay = useAppStore((s) => s.setOverlay);
  return (
    <fieldset className="overlay-switch" data-testid="overlay-switch">
      <legend>{t('overlay')}</legend>
      {OVERLAYS.map((o) => (
        <label key={o}>
          <input type="radio" name="overlay" value={o} checked={overlay === o} onChange={() => setOverlay(o)} /> {t(OVERLAY_KEYS[o])}
        </label>
      ))}
    </fieldset>
  );
}

export function LayerList({ basemap, vectorBasemap = false }: { basemap: BasemapConfig | null; vectorBasemap?: boolean }) {
  const { t, tf } = useT();
  const layers = useAppStore((s) => s.layers);
  const overlay = useAppStore((s) => s.overlay);
  const toggleLayer = useAppStore((s) => s.toggleLayer);
  const basemapOn = useAppStore((s) => s.basemap);
  const setBasemap = useAppStore((s) => s.setBasemap);
  const vectorBasemapOn = useAppStore((s) => s.vectorBasemap);
  const setVectorBasemap = useAppStore((s) => s.setVectorBasemap);
  return (
    <section aria-labelledby="layers-title">
      <h2 id="layers-title">{t('layers')}</h2>
      {LAYER_KEYS.map((key) => (
        <section key={key} className="layer" data-testid={`layer-${key}`}>
          <label>
            <input type="checkbox" name={`layer-${key}`} checked={layers[key]} onChange={() => toggleLayer(key)} /> {t(key)}
          </label>
          {layers[key] && key === 'villageParks' && <OverlaySwitch />}
          {layers[key] && key === 'villageParks' && <TimeControl />}
          {layers[key] && key === 'districts' && <ChoroplethControl />}
          {layers[key] && <Legend layer={key} overlay={overlay} />}
        </section>
      ))}
      {vectorBasemap && (
        <section className="layer" data-testid="layer-vector-basemap">
          <label>
            <input type="checkbox" name="layer-vector-basemap" checked={vectorBasemapOn} onChange={() => setVectorBasemap(!vectorBasemapOn)} /> {t('vectorBasemap')}
          </label>
          <p className="hint">{t('vectorBasemapNote')}</p>
        </section>
      )}
      {basemap && (
        <section className="layer" data-testid="layer-basemap">
          <label>
            <input type="checkbox" name="layer-basemap" checked={basemapOn} onChange={() => setBasemap(!basemapOn)} /> {t('basemap')}
          </label>
          <p className="hint">{tf('basemapNote', { host: basemapHosts(basemap) })}</p>
        </section>
      )}
    </section>
  );
}
