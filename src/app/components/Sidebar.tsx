import { LANGS, type Lang } from '../../domain/taxonomy.ts';
import { LANG_NAMES, t, tf } from '../i18n/messages.ts';
import type { BasemapConfig } from '../map/basemap.ts';
import { DEFAULT_DASHBOARD, encodeDashboard } from '../state/dashboard-url.ts';
import { mayEditAny, mayImport, maySeeProposals, useAppStore } from '../state/store.ts';
import { AccountBox } from './AccountBox.tsx';
import { AreaTools } from './AreaTools.tsx';
import { FilterPanel } from './FilterPanel.tsx';
import { LayerList } from './LayerList.tsx';
import { SearchBox } from './SearchBox.tsx';
import { SummaryBlock } from './SummaryBlock.tsx';
import { usePendingProposals } from './useReviews.ts';

/** The review queue's button, with the number of proposals waiting. */
function ReviewButton() {
  const lang = useAppStore((s) => s.lang);
  const openReviews = useAppStore((s) => s.openReviews);
  const { total } = usePendingProposals();
  return (
    <button type="button" className="review-open" data-testid="reviews-open" onClick={openReviews}>
      {total ? tf('reviewOpenCount', lang, { count: total }) : t('reviewOpen', lang)}
    </button>
  );
}

export function Sidebar({ basemap }: { basemap: BasemapConfig | null }) {
  const { lang, setLang, user, openBulk, openImports, openAccounts } = useAppStore();
  const filter = useAppStore((st) => st.filter);
  const area = useAppStore((st) => st.area);
  return (
    <aside className="sidebar">
      <header>
        <h1>{t('appTitle', lang)}</h1>
        <span className="demo-badge" data-testid="demo-badge">{t('demoBadge', lang)}</span>
      </header>
      <a className="dashboard-link" href={`/dashboard${encodeDashboard({ ...DEFAULT_DASHBOARD, filter, area, lang })}`} data-testid="dashboard-link">{t('dashboardLink', lang)} →</a>
      <SearchBox />
      <AccountBox />
      {mayEditAny(user) && (
        <button type="button" className="bulk-open" onClick={openBulk}>{t('bulkOpen', lang)}</button>
      )}
      {maySeeProposals(user) && <ReviewButton />}
      {mayImport(user) && (
        <>
          <button type="button" className="bulk-open" data-testid="import-open" onClick={openImports}>{t('importOpen', lang)}</button>
          <button type="button" className="bulk-open" data-testid="accounts-open" onClick={openAccounts}>{t('accountsOpen', lang)}</button>
        </>
      )}
      <label className="lang">
        {t('language', lang)}{' '}
        <select value={lang} onChange={(e) => setLang(e.target.value as Lang)} data-testid="lang-select">
          {LANGS.map((l) => <option key={l} value={l}>{LANG_NAMES[l]}</option>)}
        </select>
      </label>
      <LayerList basemap={basemap} />
      <AreaTools />
      <FilterPanel />
      <SummaryBlock />
      <footer className="source">{t('boundarySource', lang)}</footer>
    </aside>
  );
}
