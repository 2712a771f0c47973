import { LANGS, label, taxonomy, type Lang } from '../../domain/taxonomy.ts';
import { LANG_NAMES, t } from '../i18n/messages.ts';
import { mayEditAny, useAppStore, type LayerKey } from '../state/store.ts';
import { AccountBox } from './AccountBox.tsx';

const LAYER_KEYS: LayerKey[] = ['districts', 'villageParks', 'valueParks'];

function Legend({ layer, lang }: { layer: LayerKey; lang: Lang }) {
  if (layer === 'districts')
    return (
      <ul className="legend">
        <li><span className="swatch outline" style={{ borderColor: '#5b6b7a' }} />{t('districts', lang)}</li>
      </ul>
    );
  if (layer === 'valueParks')
    return (
      <ul className="legend">
        <li><span className="swatch outline dashed" style={{ borderColor: '#6a3d9a' }} />{t('valueParks', lang)}</li>
      </ul>
    );
  return (
    <ul className="legend">
      {taxonomy.renovationCategories.map((c) => (
        <li key={c.code}><span className="swatch" style={{ background: c.color }} />{label(c, lang)}</li>
      ))}
    </ul>
  );
}

export function Sidebar() {
  const { lang, layers, toggleLayer, setLang, user, openBulk } = useAppStore();
  return (
    <aside className="sidebar">
      <header>
        <h1>{t('appTitle', lang)}</h1>
        <span className="demo-badge" data-testid="demo-badge">{t('demoBadge', lang)}</span>
      </header>
      <AccountBox />
      {mayEditAny(user) && (
        <button type="button" className="bulk-open" onClick={openBulk}>{t('bulkOpen', lang)}</button>
      )}
      <label className="lang">
        {t('language', lang)}{' '}
        <select value={lang} onChange={(e) => setLang(e.target.value as Lang)}>
          {LANGS.map((l) => <option key={l} value={l}>{LANG_NAMES[l]}</option>)}
        </select>
      </label>
      <h2>{t('layers', lang)}</h2>
      {LAYER_KEYS.map((key) => (
        <section key={key} className="layer">
          <label>
            <input type="checkbox" checked={layers[key]} onChange={() => toggleLayer(key)} /> {t(key, lang)}
          </label>
          <Legend layer={key} lang={lang} />
        </section>
      ))}
      <footer className="source">{t('boundarySource', lang)}</footer>
    </aside>
  );
}
