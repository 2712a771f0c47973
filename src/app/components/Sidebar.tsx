import { LANGS, type Lang } from '../../domain/taxonomy.ts';
import { LANG_NAMES } from '../i18n/messages.ts';
import type { BasemapConfig } from '../map/basemap.ts';
import { DEFAULT_DASHBOARD, encodeDashboard } from '../state/dashboard-url.ts';
import { useAppStore } from '../state/store.ts';
import { AccountBox } from './AccountBox.tsx';
import { AreaTools } from './AreaTools.tsx';
import { FilterPanel } from './FilterPanel.tsx';
import { LayerList } from './LayerList.tsx';
import { SearchBox } from './SearchBox.tsx';
import { SummaryBlock } from './SummaryBlock.tsx';
import { usePendingProposals } from '../hooks/useReviews.ts';
import { mayEditAnyPark, mayImport, maySeeProposals } from '../../domain/permissions.ts';
import { chooseLang, useT } from '../i18n/use-t.ts';

/** The review queue's button, with the number of proposals waiting. */
function ReviewButton() {
  const { t, tf } = useT();
  const showPanel = useAppStore((s) => s.showPanel);
  const { total } = usePendingProposals();
  return (
    <button type="button" className="review-open" data-testid="reviews-open" onClick={() => showPanel('reviews')}>
      {total ? tf('reviewOpenCount', { count: total }) : t('reviewOpen')}
    </button>
  );
}

export function Sidebar({ basemap, vectorBasemap = false, open, onClose }: { basemap: BasemapConfig | null; vectorBasemap?: boolean; open: boolean; onClose: () => void }) {
  const { t, lang } = useT();
  const user = useAppStore((s) => s.user);
  const showPanel = useAppStore((s) => s.showPanel);
  const filter = useAppStore((st) => st.filter);
  const area = useAppStore((st) => st.area);
  return (
    <aside className={open ? 'sidebar' : 'sidebar collapsed'} id="sidebar" data-testid="sidebar" aria-label={t('sidebarLabel')}>
      <header>
        <h1>{t('appTitle')}</h1>
        <span className="demo-badge" data-testid="demo-badge">{t('demoBadge')}</span>
        <button type="button" className="sidebar-close" onClick={onClose} aria-label={t('sidebarHide')} title={t('sidebarHide')} data-testid="sidebar-close">×</button>
      </header>
      <a className="dashboard-link" href={`/dashboard${encodeDashboard({ ...DEFAULT_DASHBOARD, filter, area, lang })}`} data-testid="dashboard-link">{t('dashboardLink')} →</a>
      <SearchBox />
      <AccountBox />
      {mayEditAnyPark(user) && (
        <button type="button" className="bulk-open" onClick={() => showPanel('bulk')}>{t('bulkOpen')}</button>
      )}
      {maySeeProposals(user) && <ReviewButton />}
      <button type="button" className="pilots-open" data-testid="pilots-open" onClick={() => showPanel('pilots')}>{t('pilotsOpen')}</button>
      {mayImport(user) && (
        <>
          <button type="button" className="bulk-open" data-testid="import-open" onClick={() => showPanel('imports')}>{t('importOpen')}</button>
          <button type="button" className="bulk-open" data-testid="accounts-open" onClick={() => showPanel('accounts')}>{t('accountsOpen')}</button>
          <button type="button" className="bulk-open" data-testid="standard-open" onClick={() => showPanel('standard')}>{t('standardOpen')}</button>
        </>
      )}
      <label className="lang">
        {t('language')}{' '}
        <select value={lang} onChange={(e) => void chooseLang(e.target.value as Lang)} data-testid="lang-select">
          {LANGS.map((l) => <option key={l} value={l}>{LANG_NAMES[l]}</option>)}
        </select>
      </label>
      <LayerList basemap={basemap} vectorBasemap={vectorBasemap} />
      <AreaTools />
      <FilterPanel />
      <SummaryBlock />
      <footer className="source">{t('boundarySource')}</footer>
    </aside>
  );
}
