// A paginated list of enterprises from GET /api/enterprises (e.g. those inside a value park);
// choosing one opens its detail.
import { useEffect, useState } from 'react';
import type { EnterpriseQuery } from '../api/endpoints-features.ts';
import { clusterColor, clusterLabel } from '../i18n/labels.ts';
import { useAppStore } from '../state/store.ts';
import { useEnterprisePage } from '../queries/enterprises.ts';
import { errorText } from '../i18n/error-text.ts';
import { useT } from '../i18n/use-t.ts';

const PAGE = 20;

export function EnterpriseList({ query }: { query: Omit<EnterpriseQuery, 'limit' | 'offset'> }) {
  const { t, tf, lang } = useT();
  const select = useAppStore((s) => s.select);
  const [offset, setOffset] = useState(0);
  const key = JSON.stringify(query);

  useEffect(() => setOffset(0), [key]);
  // Asked again when the user changes (the key holds the viewer).
  const { data: page, error } = useEnterprisePage({ ...query, limit: PAGE, offset });

  if (error) return <p className="form-error" role="alert">{t('listError')}{errorText(error, lang)}</p>;
  if (!page) return <p role="status">{t('loadingList')}</p>;
  if (!page.total) return <p className="muted">{t('noEnterprisesInside')}</p>;
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
        <button type="button" disabled={offset === 0} onClick={() => setOffset(Math.max(0, offset - PAGE))}>{t('prevPage')}</button>
        <span>{tf('pageRange', { from: offset + 1, to: Math.min(offset + PAGE, page.total), total: page.total })}</span>
        <button type="button" disabled={offset + PAGE >= page.total} onClick={() => setOffset(offset + PAGE)}>{t('nextPage')}</button>
      </div>
    </div>
  );
}
