// A paginated list of enterprises from GET /api/enterprises (e.g. those inside a value park);
// choosing one opens its detail.
import { useEffect, useState } from 'react';
import type { Lang } from '../../domain/taxonomy.ts';
import { fetchEnterprises, type EnterpriseQuery } from '../api/endpoints-map.ts';
import type { EnterprisePage } from '../api/types.ts';
import { clusterColor, clusterLabel } from '../i18n/labels.ts';
import { t, tf } from '../i18n/messages.ts';
import { useAppStore } from '../state/store.ts';
import { errorText, isAbort } from './error-text.ts';

const PAGE = 20;

export function EnterpriseList({ query, lang }: { query: Omit<EnterpriseQuery, 'limit' | 'offset'>; lang: Lang }) {
  const select = useAppStore((s) => s.select);
  const userId = useAppStore((s) => s.user?.id);
  const [offset, setOffset] = useState(0);
  const [page, setPage] = useState<EnterprisePage | null>(null);
  const [error, setError] = useState<unknown>(null);
  const key = JSON.stringify(query);

  useEffect(() => setOffset(0), [key]);
  useEffect(() => {
    const ac = new AbortController();
    setError(null);
    fetchEnterprises({ ...(JSON.parse(key) as EnterpriseQuery), limit: PAGE, offset }, ac.signal).then(setPage, (err) => !isAbort(err) && setError(err));
    return () => ac.abort();
  }, [key, offset, userId]);

  if (error) return <p className="form-error" role="alert">{t('listError', lang)}{errorText(error, lang)}</p>;
  if (!page) return <p role="status">{t('loadingList', lang)}</p>;
  if (!page.total) return <p className="muted">{t('noEnterprisesInside', lang)}</p>;
  return (
    <div className="enterprise-list" data-testid="enterprise-list">
      <ul>
        {page.items.map((e) => (
          <li key={e.id}>
            <button type="button" className="link" onClick={() => select({ kind: 'enterprise', id: e.id })}>
              <span className="dot" style={{ background: clusterColor(e.cluster) }} aria-hidden="true" />
              <span className="name">{e.name}</span>
              <span className="muted"> · {clusterLabel(e.cluster, lang)}</span>
            </button>
          </li>
        ))}
      </ul>
      <div className="pager">
        <button type="button" disabled={offset === 0} onClick={() => setOffset(Math.max(0, offset - PAGE))}>{t('prevPage', lang)}</button>
        <span>{tf('pageRange', lang, { from: offset + 1, to: Math.min(offset + PAGE, page.total), total: page.total })}</span>
        <button type="button" disabled={offset + PAGE >= page.total} onClick={() => setOffset(offset + PAGE)}>{t('nextPage', lang)}</button>
      </div>
    </div>
  );
}
