// Layer switches with their legends, the village-park overlay switch and the optional basemap.
import type { Lang } from '../../domain/taxonomy.ts';
import { basemapHosts } from '../api/runtime-config.ts';
import { t, tf, type MessageKey } from '../i18n/messages.ts';
import type { BasemapConfig } from '../map/basemap.ts';
import { useAppStore } from '../state/store.ts';
import { LAYER_KEYS, OVERLAYS, type Overlay } from '../state/types.ts';
import { ChoroplethControl } from './ChoroplethControl.tsx';
import { Legend } from './Legends.tsx';
import { TimeControl } from './TimeControl.tsx';

const OVERLAY_KEYS: Record<Overlay, MessageKey> = { category: 'overlayCategory', progress: 'overlayProgress', efficiency: 'overlayEfficiency' };

function OverlaySwitch({ lang }: { lang: Lang }) {
  const { overlay, setOverlay } = useAppStore();
  return (
    <fieldset className="overlay-switch" data-testid="overlay-switch">
      <legend>{t('overlay', lang)}</legend>
      {OVERLAYS.map((o) => (
        <label key={o}>
          <input type="radio" name="overlay" value={o} checked={overlay === o} onChange={() => setOverlay(o)} /> {t(OVERLAY_KEYS[o], lang)}
        </label>
      ))}
    </fieldset>
  );
}

export function LayerList({ basemap, vectorBasemap = false }: { basemap: BasemapConfig | null; vectorBasemap?: boolean }) {
  const { lang, layers, overlay, toggleLayer, basemap: basemapOn, setBasemap, vectorBasemap: vectorBasemapOn, setVectorBasemap } = useAppStore();
  return (
    <section aria-labelledby="layers-title">
      <h2 id="layers-title">{t('layers', lang)}</h2>
      {LAYER_KEYS.map((key) => (
        <section key={key} className="layer" data-testid={`layer-${key}`}>
          <label>
            <input type="checkbox" name={`layer-${key}`} checked={layers[key]} onChange={() => toggleLayer(key)} /> {t(key, lang)}
          </label>
          {layers[key] && key === 'villageParks' && <OverlaySwitch lang={lang} />}
          {layers[key] && key === 'villageParks' && <TimeControl />}
          {layers[key] && key === 'districts' && <ChoroplethControl />}
          {layers[key] && <Legend layer={key} overlay={overlay} lang={lang} />}
        </section>
      ))}
      {vectorBasemap && (
        <section className="layer" data-testid="layer-vector-basemap">
          <label>
            <input type="checkbox" name="layer-vector-basemap" checked={vectorBasemapOn} onChange={() => setVectorBasemap(!vectorBasemapOn)} /> {t('vectorBasemap', lang)}
          </label>
          <p className="hint">{t('vectorBasemapNote', lang)}</p>
        </section>
      )}
      {basemap && (
        <section className="layer" data-testid="layer-basemap">
          <label>
            <input type="checkbox" name="layer-basemap" checked={basemapOn} onChange={() => setBasemap(!basemapOn)} /> {t('basemap', lang)}
          </label>
          <p className="hint">{tf('basemapNote', lang, { host: basemapHosts(basemap) })}</p>
        </section>
      )}
    </section>
  );
}
