// The enterprises of the selection as a virtualised list (@tanstack/react-virtual): only the rows in
// view exist in the page. Ids come from the worker a page at a time, names from the server for
// those ids only; a click opens the enterprise.
import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useRef, useState } from 'react';
import { fetchEnterprisesById } from '../api/endpoints-features.ts';
import type { Enterprise } from '../api/types.ts';
import { clusterColor, clusterLabel } from '../i18n/labels.ts';
import { useService } from '../services.ts';
import { useEnterpriseStore } from '../state/enterprise-store.ts';
import { useAppStore } from '../state/store.ts';
import { useT } from '../i18n/use-t.ts';

const PAGE = 100;
const ROW_HEIGHT = 30;

type Page = Enterprise[] | 'loading' | 'error';

export function SelectionList() {
  const { t, lang } = useT();
  const select = useAppStore((s) => s.select);
  const summary = useEnterpriseStore((s) => s.summary);
  const client = useService('enterpriseWorker');
  const scroller = useRef<HTMLDivElement>(null);
  const [pages, setPages] = useState<Map<number, Page>>(new Map());
  const generation = useRef(0);
  const total = summary?.matched ?? 0;
  const virtualizer = useVirtualizer({ count: total, getScrollElement: () => scroller.current, estimateSize: () => ROW_HEIGHT, overscan: 12 });
  const items = virtualizer.getVirtualItems();

  // A new selection (every summary is a new object) starts from an empty cache at the top.
  useEffect(() => {
    generation.current++;
    setPages(new Map());
    scroller.current?.scrollTo?.({ top: 0 });
  }, [summary]);

  const first = items.length ? Math.floor(items[0].index / PAGE) : 0;
  const last = items.length ? Math.floor(items[items.length - 1].index / PAGE) : -1;
  useEffect(() => {
    if (!client) return;
    const gen = generation.current;
    const put = (page: number, value: Page) => gen === generation.current && setPages((m) => new Map(m).set(page, value));
    for (let page = first; page <= last; page++) {
      if (pages.has(page)) continue;
      put(page, 'loading');
      client.selectedIds(PAGE, page * PAGE)
        .then(async ({ ids }) => {
          const rows: Enterprise[] = [];
          for (let i = 0; i < ids.length; i += 100) rows.push(...(await fetchEnterprisesById(ids.slice(i, i + 100))));
          return rows;
        })
        .then((rows) => put(page, rows), () => put(page, 'error'));
    }
  }, [client, first, last, pages]);

  if (!summary) return null;
  if (!total) return <p className="muted" data-testid="selection-list">{t('listEmpty')}</p>;
  return (
    <div ref={scroller} className="selection-list" data-testid="selection-list" role="list" aria-label={t('listTitle')}>
      <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
        {items.map((item) => {
          const page = pages.get(Math.floor(item.index / PAGE));
          const e = Array.isArray(page) ? page[item.index % PAGE] : undefined;
          return (
            <div key={item.key} role="listitem" className="row" style={{ position: 'absolute', top: 0, left: 0, right: 0, height: item.size, transform: `translateY(${item.start}px)` }}>
              {e ? (
                <button type="button" className="link" onClick={() => select({ kind: 'enterprise', id: e.id })}>
                  <span className="dot" style={{ background: clusterColor(e.cluster) }} aria-hidden="true" />
                  <span className="name">{e.name}</span>
                  <span className="muted"> · {clusterLabel(e.cluster, lang)}</span>
                </button>
              ) : <span className="muted">{page === 'error' ? '—' : t('listLoadingRow')}</span>}
            </div>
          );
        })}
      </div>
    </div>
  );
}
