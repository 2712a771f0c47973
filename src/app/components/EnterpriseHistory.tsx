// An enterprise's change history from imports (who, when, which fields from → to), for the roles
// that may see history.
import { formatDateTime, shortValue } from '../i18n/format.ts';
import { useEnterpriseHistory } from '../queries/enterprises.ts';
import { errorText } from '../i18n/error-text.ts';
import { useT } from '../i18n/use-t.ts';

export function EnterpriseHistory({ id }: { id: number }) {
  const { t, lang } = useT();
  const { data: items, error } = useEnterpriseHistory(id);
  return (
    <section data-testid="enterprise-history">
      <h3>{t('enterpriseHistory')}</h3>
      {error ? <p className="form-error" role="alert">{errorText(error, lang)}</p> : !items ? <p role="status">{t('loadingList')}</p> : !items.length ? (
        <p className="muted">{t('enterpriseNoHistory')}</p>
      ) : (
        <ol className="history">
          {items.map((h, i) => (
            <li key={i}>
              <div className="muted">{formatDateTime(h.changedAt, lang)} · {h.username} · {t(h.action === 'added' ? 'changeAdded' : 'changeUpdated')}</div>
              {h.action === 'updated' && <div>{Object.entries(h.changes).map(([f, [a, b]]) => `${f}: ${shortValue(a)} → ${shortValue(b)}`).join('; ')}</div>}
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
