// One facet of the enterprise filter: checkboxes with live counts, optionally nested (a parent
// with its children behind a disclosure button).
import { useState } from 'react';
import { formatNumber } from '../i18n/format.ts';
import type { FacetKey } from '../state/filter-model.ts';
import { useT } from '../i18n/use-t.ts';

export interface FacetItem {
  facet: FacetKey;
  code: string;
  label: string;
  /** How many enterprises would match with this value added; null while unknown. */
  count: number | null;
  chosen: boolean;
  /** Some children chosen, not the parent itself. */
  partial?: boolean;
  color?: string;
  children?: FacetItem[];
}

function FacetRow({ item, onToggle }: { item: FacetItem; onToggle: (facet: FacetKey, code: string) => void }) {
  const { t, tf, lang } = useT();
  const [open, setOpen] = useState(false);
  const kids = item.children ?? [];
  const expanded = open || !!item.partial;
  return (
    <li className={item.count === 0 && !item.chosen ? 'facet zero' : 'facet'}>
      <div className="facet-row">
        {kids.length > 0 ? (
          <button type="button" className="disclosure" aria-expanded={expanded} aria-label={tf('expand', { name: item.label })} onClick={() => setOpen(!expanded)}>
            {expanded ? '▾' : '▸'}
          </button>
        ) : null}
        <label title={item.count === 0 && !item.chosen ? t('facetZero') : undefined}>
          <input
            type="checkbox"
            checked={item.chosen}
            ref={(el) => {
              if (el) el.indeterminate = !!item.partial && !item.chosen;
            }}
            onChange={() => onToggle(item.facet, item.code)}
            data-facet={item.facet}
            data-code={item.code}
          />
          {item.color && <span className="swatch round" style={{ background: item.color }} aria-hidden="true" />}
          <span className="facet-label">{item.label}</span>
          <span className="count" data-testid={`count-${item.facet}-${item.code}`}>{item.count === null ? '' : formatNumber(item.count, lang)}</span>
        </label>
      </div>
      {kids.length > 0 && expanded && (
        <ul className="facet-children">
          {kids.map((k) => <FacetRow key={k.code} item={k} onToggle={onToggle} />)}
        </ul>
      )}
    </li>
  );
}

export function FacetList({ items, onToggle }: { items: FacetItem[]; onToggle: (facet: FacetKey, code: string) => void }) {
  return (
    <ul className="facets">
      {items.map((i) => <FacetRow key={i.code} item={i} onToggle={onToggle} />)}
    </ul>
  );
}
