// The enterprise filters with live counts from the worker, a clear-all button and the empty-result
// message.
import { t, tf } from '../i18n/messages.ts';
import { useEnterpriseStore } from '../state/enterprise-store.ts';
import { activeCount } from '../state/filter-model.ts';
import { useAppStore } from '../state/store.ts';
import { areaItems, countLookup, futureItems, industryItems, tagGroups, tierItems } from './facet-items.ts';
import { FacetList } from './FacetList.tsx';

export function FilterPanel() {
  const { lang, filter, toggleFilter, clearFilter } = useAppStore();
  const { info, counts } = useEnterpriseStore();
  const count = countLookup(info, counts);
  const n = activeCount(filter);
  return (
    <section className="filters" aria-labelledby="filters-title" data-testid="filters">
      <div className="filters-head">
        <h2 id="filters-title">{t('filters', lang)}</h2>
        {n > 0 && <span className="active-count">{tf('activeFilters', lang, { n })}</span>}
        <button type="button" className="clear" onClick={clearFilter} disabled={n === 0} data-testid="clear-filters">{t('clearAll', lang)}</button>
      </div>
      {!counts && <p className="hint">{t('countsPending', lang)}</p>}
      {counts?.matched === 0 && <p className="empty" role="status" data-testid="no-match">{t('noMatch', lang)}</p>}
      <details open>
        <summary>{t('cluster', lang)}</summary>
        <FacetList items={industryItems(filter, count, lang)} lang={lang} onToggle={toggleFilter} />
      </details>
      <details open data-testid="facet-tags">
        <summary>{t('tags', lang)}</summary>
        {tagGroups(filter, count, lang).map((g) => (
          <div key={g.code} className="facet-group">
            <div className="facet-group-title">{g.label}</div>
            <FacetList items={g.items} lang={lang} onToggle={toggleFilter} />
          </div>
        ))}
      </details>
      <details>
        <summary>{t('futureIndustry', lang)}</summary>
        <FacetList items={futureItems(filter, count, lang)} lang={lang} onToggle={toggleFilter} />
      </details>
      <details>
        <summary>{t('revenueTier', lang)}</summary>
        {info?.confidential ? (
          <FacetList items={tierItems(filter, count, lang)} lang={lang} onToggle={toggleFilter} />
        ) : (
          <p className="hint">{t('facetRevenueNote', lang)}</p>
        )}
      </details>
      <details>
        <summary>{t('facetArea', lang)}</summary>
        <FacetList items={areaItems(filter, count, lang, info)} lang={lang} onToggle={toggleFilter} />
      </details>
    </section>
  );
}
