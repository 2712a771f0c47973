// Search for an enterprise (name or credit code) or a park (name, village or code): a combobox
// whose results are chosen with the arrow keys and Enter; choosing flies there and opens the detail.
import { useEffect, useId, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { type MessageKey } from '../i18n/messages.ts';
import { searchEntries } from '../state/search-index.ts';
import { flyTo } from '../state/camera.ts';
import { useAppStore } from '../state/store.ts';
import { useEnterpriseSearch, useParkSearchIndex } from '../queries/search.ts';
import { errorText } from '../i18n/error-text.ts';
import { enterpriseResult, parkResult, type SearchResult } from '../models/search-sources.ts';
import { useT } from '../i18n/use-t.ts';

const KIND_KEYS: Record<SearchResult['kind'], MessageKey> = { park: 'parkPanel', valuePark: 'valueParkPanel', enterprise: 'enterprisePanel' };
const DEBOUNCE_MS = 200;

export function SearchBox() {
  const { t, lang } = useT();
  const select = useAppStore((s) => s.select);
  const ids = useId();
  const [query, setQuery] = useState('');
  const [active, setActive] = useState(-1);
  const [open, setOpen] = useState(false);
  const input = useRef<HTMLInputElement>(null);

  // What is asked: the query once typing pauses. The park index is asked for on first use.
  const typed = query.trim();
  const [asked, setAsked] = useState('');
  useEffect(() => {
    setActive(-1);
    if (!typed) return setAsked('');
    const timer = setTimeout(() => setAsked(typed), DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [typed]);
  const index = useParkSearchIndex(asked !== '');
  const enterprises = useEnterpriseSearch(asked);
  // The last complete answer stays listed while the next query is asked.
  const answer = useMemo(() => (asked && index.data && enterprises.data ? { q: asked, parks: index.data, enterprises: enterprises.data } : null), [asked, index.data, enterprises.data]);
  const [shown, setShown] = useState<typeof answer>(null);
  useEffect(() => {
    if (answer) setShown(answer);
    else if (!typed) setShown(null);
  }, [answer, typed]);
  const results = useMemo<SearchResult[]>(() => (typed && shown
    ? [...searchEntries(shown.parks, shown.q, 6).map((e) => parkResult(e, lang)), ...shown.enterprises.map(enterpriseResult)]
    : []), [typed, shown, lang]);
  const busy = !!typed && (asked !== typed || index.isFetching || enterprises.isFetching);
  const error = typed ? index.error ?? enterprises.error : null;

  const choose = (r: SearchResult) => {
    select({ kind: r.kind, id: r.id });
    if (r.bounds) flyTo({ bounds: r.bounds, zoom: r.kind === 'park' ? 16 : 13 });
    else if (r.center) flyTo({ center: r.center, zoom: 15 });
    setOpen(false);
    setQuery(r.name);
  };

  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      setOpen(true);
      if (!results.length) return;
      const step = e.key === 'ArrowDown' ? 1 : -1;
      setActive((a) => (a + step + results.length) % results.length);
    } else if (e.key === 'Enter') {
      const r = results[active] ?? results[0];
      if (r && open) {
        e.preventDefault();
        choose(r);
      }
    } else if (e.key === 'Escape') {
      if (open) setOpen(false);
      else setQuery('');
    }
  };

  const listId = `${ids}-list`;
  const showList = open && query.trim() !== '';
  return (
    <div className="search" role="search">
      <label htmlFor={`${ids}-input`} className="sr-only">{t('search')}</label>
      <input
        id={`${ids}-input`}
        ref={input}
        type="search"
        role="combobox"
        aria-expanded={showList}
        aria-controls={listId}
        aria-autocomplete="list"
        aria-activedescendant={showList && active >= 0 ? `${ids}-opt-${active}` : undefined}
        placeholder={t('searchPlaceholder')}
        value={query}
        onChange={(e) => {
          setQuery(e.target.value);
          setOpen(true);
        }}
        onFocus={() => query && setOpen(true)}
        onBlur={() => setTimeout(() => setOpen(false), 150)}
        onKeyDown={onKeyDown}
        data-testid="search-input"
        autoComplete="off"
      />
      {showList && (
        <div className="search-popup">
          {error ? (
            <p className="form-error" role="alert">{t('searchError')}{errorText(error, lang)}</p>
          ) : busy && !results.length ? (
            <p role="status" className="hint">{t('searching')}</p>
          ) : !results.length ? (
            <p role="status" className="hint">{t('searchNothing')}</p>
          ) : null}
          <ul id={listId} role="listbox" aria-label={t('searchResults')} data-testid="search-results">
            {results.map((r, i) => (
              <li
                key={`${r.kind}-${r.id}`}
                id={`${ids}-opt-${i}`}
                role="option"
                aria-selected={i === active}
                className={i === active ? 'active' : undefined}
                onMouseDown={(e) => e.preventDefault()}
                onClick={() => choose(r)}
                data-kind={r.kind}
              >
                <span className="kind">{t(KIND_KEYS[r.kind])}</span>
                <span className="name">{r.name}</span>
                <span className="detail">{r.detail}</span>
              </li>
            ))}
          </ul>
          {results.length > 0 && <p className="hint keys">{t('searchHelp')}</p>}
        </div>
      )}
    </div>
  );
}
