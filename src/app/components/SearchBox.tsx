// Search for an enterprise (name or credit code) or a park (name, village or code): a combobox
// whose results are chosen with the arrow keys and Enter; choosing flies there and opens the detail.
import { useEffect, useId, useRef, useState, type KeyboardEvent } from 'react';
import { t, type MessageKey } from '../i18n/messages.ts';
import { searchEntries } from '../state/search-index.ts';
import { useAppStore } from '../state/store.ts';
import { errorText, isAbort } from './error-text.ts';
import { enterpriseResults, parkEntries, parkResult, type SearchResult } from './search-sources.ts';

const KIND_KEYS: Record<SearchResult['kind'], MessageKey> = { park: 'parkPanel', valuePark: 'valueParkPanel', enterprise: 'enterprisePanel' };
const DEBOUNCE_MS = 200;

export function SearchBox() {
  const { lang, select, flyTo } = useAppStore();
  const ids = useId();
  const [query, setQuery] = useState('');
  const [results, setResults] = useState<SearchResult[]>([]);
  const [active, setActive] = useState(-1);
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const input = useRef<HTMLInputElement>(null);

  useEffect(() => {
    const q = query.trim();
    if (!q) {
      setResults([]);
      setBusy(false);
      return;
    }
    const ac = new AbortController();
    setBusy(true);
    const timer = setTimeout(async () => {
      try {
        const [parks, enterprises] = await Promise.all([parkEntries(), enterpriseResults(q, ac.signal)]);
        if (ac.signal.aborted) return;
        setResults([...searchEntries(parks, q, 6).map((e) => parkResult(e, lang)), ...enterprises]);
        setError(null);
      } catch (err) {
        if (!isAbort(err)) setError(err);
      } finally {
        if (!ac.signal.aborted) setBusy(false);
      }
    }, DEBOUNCE_MS);
    setActive(-1);
    return () => {
      clearTimeout(timer);
      ac.abort();
    };
  }, [query, lang]);

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
      <label htmlFor={`${ids}-input`} className="sr-only">{t('search', lang)}</label>
      <input
        id={`${ids}-input`}
        ref={input}
        type="search"
        role="combobox"
        aria-expanded={showList}
        aria-controls={listId}
        aria-autocomplete="list"
        aria-activedescendant={showList && active >= 0 ? `${ids}-opt-${active}` : undefined}
        placeholder={t('searchPlaceholder', lang)}
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
            <p className="form-error" role="alert">{t('searchError', lang)}{errorText(error, lang)}</p>
          ) : busy && !results.length ? (
            <p role="status" className="hint">{t('searching', lang)}</p>
          ) : !results.length ? (
            <p role="status" className="hint">{t('searchNothing', lang)}</p>
          ) : null}
          <ul id={listId} role="listbox" aria-label={t('searchResults', lang)} data-testid="search-results">
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
                <span className="kind">{t(KIND_KEYS[r.kind], lang)}</span>
                <span className="name">{r.name}</span>
                <span className="detail">{r.detail}</span>
              </li>
            ))}
          </ul>
          {results.length > 0 && <p className="hint keys">{t('searchHelp', lang)}</p>}
        </div>
      )}
    </div>
  );
}
