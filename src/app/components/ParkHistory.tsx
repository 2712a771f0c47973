// The status history of a park, newest first. Reasons come from users: rendered as text only.
import { useEffect, useState } from 'react';
import type { Lang } from '../../domain/taxonomy.ts';
import { fetchParkHistory } from '../api/endpoints.ts';
import type { HistoryItem } from '../api/types.ts';
import { formatDateTime, statusSummary } from '../i18n/format.ts';
import { t, tf, type MessageKey } from '../i18n/messages.ts';
import { errorText, isAbort } from './error-text.ts';

const SOURCE_KEYS: Record<string, MessageKey> = { edit: 'sourceEdit', bulk: 'sourceBulk', seed: 'sourceSeed', import: 'sourceImport' };

export function ParkHistory({ parkId, version, lang }: { parkId: number; version: number; lang: Lang }) {
  const [items, setItems] = useState<HistoryItem[] | null>(null);
  const [error, setError] = useState<unknown>(null);

  // Reloaded whenever the park's version changes (an edit here or a newer state seen elsewhere).
  useEffect(() => {
    const ac = new AbortController();
    setError(null);
    fetchParkHistory(parkId, ac.signal).then(
      (list) => setItems([...list].sort((a, b) => b.version - a.version)),
      (err) => !isAbort(err) && setError(err),
    );
    return () => ac.abort();
  }, [parkId, version]);

  return (
    <section className="history" aria-labelledby="history-title">
      <h3 id="history-title">{t('history', lang)}</h3>
      {error ? (
        <p className="form-error" role="alert">{t('historyError', lang)}{errorText(error, lang)}</p>
      ) : !items ? (
        <p role="status">{t('loadingHistory', lang)}</p>
      ) : !items.length ? (
        <p>{t('historyEmpty', lang)}</p>
      ) : (
        <ol className="timeline" data-testid="history">
          {items.map((h) => (
            <li key={h.version} data-version={h.version}>
              <div className="when">
                <span className="version">v{h.version}</span> {tf('changedBy', lang, { user: h.changedBy, time: formatDateTime(h.changedAt, lang) })}
                {' · '}{SOURCE_KEYS[h.source] ? t(SOURCE_KEYS[h.source], lang) : h.source}
              </div>
              <div className="change">
                {h.from.category ? <>{statusSummary(h.from, lang)} → </> : null}
                <strong>{statusSummary(h.to, lang)}</strong>
              </div>
              <div className="effective">{tf('effectiveOn', lang, { date: h.effectiveDate })}</div>
              {h.reason && <p className="reason">{h.reason}</p>}
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
