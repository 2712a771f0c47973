// The status history of a park, newest first, with the steps of the city's review (proposed,
// approved, returned) after the version they were made on. Reasons and comments come from users:
// rendered as text only.
import { useEffect, useState } from 'react';
import type { Lang } from '../../domain/taxonomy.ts';
import { fetchParkHistory } from '../api/endpoints.ts';
import type { HistoryItem } from '../api/types.ts';
import { formatDateTime, statusSummary } from '../i18n/format.ts';
import { t, tf, type MessageKey } from '../i18n/messages.ts';
import { errorText, isAbort } from './error-text.ts';

const SOURCE_KEYS: Record<string, MessageKey> = { edit: 'sourceEdit', bulk: 'sourceBulk', seed: 'sourceSeed', import: 'sourceImport' };
const STEP_KEYS: Record<string, MessageKey> = { proposed: 'stepProposed', approved: 'stepApproved', returned: 'stepReturned' };

/** `reviewKey` changes when the park's pending proposals do (a proposal or a return changes no version). */
export function ParkHistory({ parkId, version, reviewKey = '', lang }: { parkId: number; version: number; reviewKey?: string; lang: Lang }) {
  const [items, setItems] = useState<HistoryItem[] | null>(null);
  const [error, setError] = useState<unknown>(null);

  // Reloaded whenever the park's version changes (an edit here or a newer state seen elsewhere).
  useEffect(() => {
    const ac = new AbortController();
    setError(null);
    // The server's order: newest version first, review steps after the version they were made on.
    fetchParkHistory(parkId, ac.signal).then(setItems, (err) => !isAbort(err) && setError(err));
    return () => ac.abort();
  }, [parkId, version, reviewKey]);

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
            <li key={`${h.step ?? 'change'}/${h.version}/${h.proposal?.id ?? ''}`} data-version={h.version} data-step={h.step ?? 'change'}>
              <div className="when">
                <span className="version">v{h.version}</span> {tf('changedBy', lang, { user: h.changedBy, time: formatDateTime(h.changedAt, lang) })}
                {' · '}{h.step && STEP_KEYS[h.step] ? t(STEP_KEYS[h.step], lang) : SOURCE_KEYS[h.source] ? t(SOURCE_KEYS[h.source], lang) : h.source}
                {h.proposal && <>{' · '}{tf('proposalNo', lang, { id: h.proposal.id })}</>}
              </div>
              <div className="change">
                {h.from.category ? <>{statusSummary(h.from, lang)} → </> : null}
                <strong>{statusSummary(h.to, lang)}</strong>
              </div>
              <div className="effective">{tf('effectiveOn', lang, { date: h.effectiveDate })}</div>
              {/* The seed's row is the app's own words, in the reader's language (its stored reason is for API users). */}
              {h.source === 'seed' ? <p className="reason">{t('seedReason', lang)}</p> : h.reason && <p className="reason">{h.reason}</p>}
              {h.step === 'approved' && h.proposal && <div className="effective">{tf('proposedByUser', lang, { user: h.proposal.proposedBy })}</div>}
              {(h.step === 'approved' || h.step === 'returned') && h.proposal?.comment && <p className="reason comment" data-testid="city-comment">{t('cityComment', lang)}{h.proposal.comment}</p>}
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
