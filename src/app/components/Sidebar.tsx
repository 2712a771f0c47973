import { LANGS, type Lang } from '../../domain/taxonomy.ts';
import { LANG_NAMES, t, tf } from '../i18n/messages.ts';
import { pt } from '../i18n/messages-pilots.ts';
import { stt } from '../i18n/messages-standard.ts';
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

export function Sidebar({ basemap, vectorBasemap = false, open, onClose }: { basemap: BasemapConfig | null; vectorBasemap?: boolean; open: boolean; onClose: () => void }) {
  const { lang, setLang, user, openBulk, openImports, openAccounts, openPilots, openStandard } = useAppStore();
  const filter = useAppStore((st) => st.filter);
  const area = useAppStore((st) => st.area);
  return (
    <aside className={open ? 'sidebar' : 'sidebar collapsed'} id="sidebar" data-testid="sidebar" aria-label={t('sidebarLabel', lang)}>
      <header>
        <h1>{t('appTitle', lang)}</h1>
        <span className="demo-badge" data-testid="demo-badge">{t('demoBadge', lang)}</span>
        <button type="button" className="sidebar-close" onClick={onClose} aria-label={t('sidebarHide', lang)} title={t('sidebarHide', lang)} data-testid="sidebar-close">×</button>
      </header>
      <a className="dashboard-link" href={`/dashboard${encodeDashboard({ ...DEFAULT_DASHBOARD, filter, area, lang })}`} data-testid="dashboard-link">{t('dashboardLink', lang)} →</a>
      <SearchBox />
      <AccountBox />
      {mayEditAny(user) && (
        <button type="button" className="bulk-open" onClick={openBulk}>{t('bulkOpen', lang)}</button>
      )}
      {maySeeProposals(user) && <ReviewButton />}
      <button type="button" className="pilots-open" data-testid="pilots-open" onClick={openPilots}>{pt('pilotsOpen', lang)}</button>
      {mayImport(user) && (
        <>
          <button type="button" className="bulk-open" data-testid="import-open" onClick={openImports}>{t('importOpen', lang)}</button>
          <button type="button" className="bulk-open" data-testid="accounts-open" onClick={openAccounts}>{t('accountsOpen', lang)}</button>
          <button type="button" className="bulk-open" data-testid="standard-open" onClick={openStandard}>{stt('standardOpen', lang)}</button>
        </>
      )}
      <label className="lang">
        {t('language', lang)}{' '}
        <select value={lang} onChange={(e) => setLang(e.target.value as Lang)} data-testid="lang-select">
          {LANGS.map((l) => <option key={l} value={l}>{LANG_NAMES[l]}</option>)}
        </select>
      </label>
      <LayerList basemap={basemap} vectorBasemap={vectorBasemap} />
      <AreaTools />
      <FilterPanel />
      <SummaryBlock />
      <footer className="source">{t('boundarySource', lang)}</footer>
    </aside>
  );
}
