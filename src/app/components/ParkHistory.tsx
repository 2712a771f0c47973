// The status history of a park, newest first, with the steps of the city's review (proposed,
// approved, returned) after the version they were made on. Reasons and comments come from users:
// rendered as text only.
import { formatDateTime, statusSummary } from '../i18n/format.ts';
import { type MessageKey } from '../i18n/messages.ts';
import { useParkHistory } from '../queries/parks.ts';
import { errorText } from '../i18n/error-text.ts';
import { useT } from '../i18n/use-t.ts';

const SOURCE_KEYS: Record<string, MessageKey> = { edit: 'sourceEdit', bulk: 'sourceBulk', seed: 'sourceSeed', import: 'sourceImport' };
const STEP_KEYS: Record<string, MessageKey> = { proposed: 'stepProposed', approved: 'stepApproved', returned: 'stepReturned' };

/** `reviewKey` changes when the park's pending proposals do (a proposal or a return changes no version). */
export function ParkHistory({ parkId, version, reviewKey = '' }: { parkId: number; version: number; reviewKey?: string }) {
  const { t, tf, lang } = useT();
  // Asked again whenever the park's version changes (an edit here or a newer state seen elsewhere) or
  // its pending proposals do. The server's order: newest version first, review steps after the version they were made on.
  const { data: items, error } = useParkHistory(parkId, version, reviewKey);

  return (
    <section className="history" aria-labelledby="history-title">
      <h3 id="history-title">{t('history')}</h3>
      {error ? (
        <p className="form-error" role="alert">{t('historyError')}{errorText(error, lang)}</p>
      ) : !items ? (
        <p role="status">{t('loadingHistory')}</p>
      ) : !items.length ? (
        <p>{t('historyEmpty')}</p>
      ) : (
        <ol className="timeline" data-testid="history">
          {items.map((h) => (
            <li key={`${h.step ?? 'change'}/${h.version}/${h.proposal?.id ?? ''}`} data-version={h.version} data-step={h.step ?? 'change'}>
              <div className="when">
                <span className="version">v{h.version}</span> {tf('changedBy', { user: h.changedBy, time: formatDateTime(h.changedAt, lang) })}
                {' · '}{h.step && STEP_KEYS[h.step] ? t(STEP_KEYS[h.step]) : SOURCE_KEYS[h.source] ? t(SOURCE_KEYS[h.source]) : h.source}
                {h.proposal && <>{' · '}{tf('proposalNo', { id: h.proposal.id })}</>}
              </div>
              <div className="change">
                {h.from.category ? <>{statusSummary(h.from, lang)} → </> : null}
                <strong>{statusSummary(h.to, lang)}</strong>
              </div>
              <div className="effective">{tf('effectiveOn', { date: h.effectiveDate })}</div>
              {/* The seed's row is the app's own words, in the reader's language (its stored reason is for API users). */}
              {h.source === 'seed' ? <p className="reason">{t('seedReason')}</p> : h.reason && <p className="reason">{h.reason}</p>}
              {h.step === 'approved' && h.proposal && <div className="effective">{tf('proposedByUser', { user: h.proposal.proposedBy })}</div>}
              {(h.step === 'approved' || h.step === 'returned') && h.proposal?.comment && <p className="reason comment" data-testid="city-comment">{t('cityComment')}{h.proposal.comment}</p>}
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
