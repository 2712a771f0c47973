// The enterprise filters with live counts from the worker, a clear-all button and the empty-result
// message.
import { useEnterpriseStore } from '../state/enterprise-store.ts';
import { activeCount } from '../state/filter-model.ts';
import { useAppStore } from '../state/store.ts';
import { areaItems, countLookup, futureItems, industryItems, tagGroups, tierItems } from '../models/facet-items.ts';
import { FacetList } from './FacetList.tsx';
import { useT } from '../i18n/use-t.ts';

export function FilterPanel() {
  const { t, tf, lang } = useT();
  const filter = useAppStore((s) => s.filter);
  const toggleFilter = useAppStore((s) => s.toggleFilter);
  const clearFilter = useAppStore((s) => s.clearFilter);
  const info = useEnterpriseStore((s) => s.info);
  const counts = useEnterpriseStore((s) => s.counts);
  const count = countLookup(info, counts);
  const n = activeCount(filter);
  return (
    <section className="filters" aria-labelledby="filters-title" data-testid="filters">
      <div className="filters-head">
        <h2 id="filters-title">{t('filters')}</h2>
        {n > 0 && <span className="active-count">{tf('activeFilters', { n })}</span>}
        <button type="button" className="clear" onClick={clearFilter} disabled={n === 0} data-testid="clear-filters">{t('clearAll')}</button>
      </div>
      {!counts && <p className="hint">{t('countsPending')}</p>}
      {counts?.matched === 0 && <p className="empty" role="status" data-testid="no-match">{t('noMatch')}</p>}
      <details open>
        <summary>{t('cluster')}</summary>
        <FacetList items={industryItems(filter, count, lang)} onToggle={toggleFilter} />
      </details>
      <details open data-testid="facet-tags">
        <summary>{t('tags')}</summary>
        {tagGroups(filter, count, lang).map((g) => (
          <div key={g.code} className="facet-group">
            <div className="facet-group-title">{g.label}</div>
            <FacetList items={g.items} onToggle={toggleFilter} />
          </div>
        ))}
      </details>
      <details>
        <summary>{t('futureIndustry')}</summary>
        <FacetList items={futureItems(filter, count, lang)} onToggle={toggleFilter} />
      </details>
      <details>
        <summary>{t('revenueTier')}</summary>
        {info?.confidential ? (
          <FacetList items={tierItems(filter, count, lang)} onToggle={toggleFilter} />
        ) : (
          <p className="hint">{t('facetRevenueNote')}</p>
        )}
      </details>
      <details>
        <summary>{t('facetArea')}</summary>
        <FacetList items={areaItems(filter, count, lang, info)} onToggle={toggleFilter} />
      </details>
    </section>
  );
}
