// An enterprise's change history from imports (who, when, which fields from → to), for the roles
// that may see history.
import { useEffect, useState } from 'react';
import type { Lang } from '../../domain/taxonomy.ts';
import { fetchEnterpriseHistory, type EnterpriseChange } from '../api/endpoints-map.ts';
import { formatDateTime, shortValue } from '../i18n/format.ts';
import { t } from '../i18n/messages.ts';
import { errorText, isAbort } from './error-text.ts';

export function EnterpriseHistory({ id, lang }: { id: number; lang: Lang }) {
  const [items, setItems] = useState<EnterpriseChange[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  useEffect(() => {
    const ac = new AbortController();
    setItems(null);
    fetchEnterpriseHistory(id, ac.signal).then(setItems, (err) => !isAbort(err) && setError(err));
    return () => ac.abort();
  }, [id]);
  return (
    <section data-testid="enterprise-history">
      <h3>{t('enterpriseHistory', lang)}</h3>
      {error ? <p className="form-error" role="alert">{errorText(error, lang)}</p> : !items ? <p role="status">{t('loadingList', lang)}</p> : !items.length ? (
        <p className="muted">{t('enterpriseNoHistory', lang)}</p>
      ) : (
        <ol className="history">
          {items.map((h, i) => (
            <li key={i}>
              <div className="muted">{formatDateTime(h.changedAt, lang)} · {h.username} · {t(h.action === 'added' ? 'changeAdded' : 'changeUpdated', lang)}</div>
              {h.action === 'updated' && <div>{Object.entries(h.changes).map(([f, [a, b]]) => `${f}: ${shortValue(a)} → ${shortValue(b)}`).join('; ')}</div>}
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
