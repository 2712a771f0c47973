// Early warnings (监测预警) on the dashboard: how many per district, and the list (severity first),
// each linking to its enterprise, park or cluster on the map. Every number is the server's
// (GET /api/warnings); what a role may not see never reaches the browser. Administrators get the
// rules editor below the list.
import { useQuery } from '@tanstack/react-query';
import type { EnterpriseFilter } from '../../domain/enterprise-filter.ts';
import { THRESHOLD_ON, type Warning, type WarningSubject } from '../../domain/monitoring/warnings.ts';
import type { Lang } from '../../domain/taxonomy.ts';
import { fetchWarnings } from '../api/endpoints-warnings.ts';
import type { SessionUser } from '../api/types.ts';
import { errorText } from '../i18n/error-text.ts';
import { formatNumber } from '../i18n/format.ts';
import { districtLabel, formatMoney, severityLabel, subjectLabel, warningRuleText } from '../i18n/labels.ts';
import { DEFAULT_STATE } from '../state/url-state.ts';
import { formatChange, formatPercent, freshness } from '../i18n/indicator-format.ts';
import { WarningRulesEditor } from './WarningRulesEditor.tsx';
import { t } from '../i18n/messages.ts';
import { useT } from '../i18n/use-t.ts';
import { viewerOf } from '../queries/viewer.ts';
import { warningKeys } from '../queries/warnings.ts';

export interface WarningsCardProps {
  period: string;
  cumulative: boolean;
  filter: EnterpriseFilter;
  user: SessionUser | null;
}

const SELECTION_LETTER = { enterprise: 'e', villagePark: 'p', valuePark: 'v' } as const;

/** The map with the subject selected (its panel opens), or filtered to the cluster. */
export function mapLinkOf(s: WarningSubject, lang: Lang): string {
  const q = s.type === 'cluster' ? `fc=${s.key}` : `s=${SELECTION_LETTER[s.type]}${s.id}`;
  return `/?${q}${lang === DEFAULT_STATE.lang ? '' : `&lang=${lang}`}`;
}

/** Yuan the Chinese way (万元 / 亿元); parks per mu. */
function money(v: number | null, w: Warning, lang: Lang): string {
  if (v === null) return '—';
  const text = formatMoney(v, lang);
  return w.subject.type === 'villagePark' || w.subject.type === 'valuePark' ? `${text}${t('perMu', lang)}` : text;
}

function WarningRow({ w }: { w: Warning }) {
  const { t, tf, lang } = useT();
  const threshold = THRESHOLD_ON[w.kind] === 'value' ? money(w.threshold, w, lang) : formatChange(w.threshold, 'yuan', lang);
  return (
    <tr data-testid="warning-row" data-rule={w.rule} data-subject={`${w.subject.type}:${w.subject.id ?? w.subject.key}`}>
      <td><span className={`warning-sev warning-sev-${w.severity}`}>{severityLabel(w.severity, lang)}</span></td>
      <th scope="row">
        <a href={mapLinkOf(w.subject, lang)} title={tf('onMapTitle', { name: w.subject.name })}>{w.subject.name}</a>
        <span className="muted"> · {subjectLabel(w.subject.type, lang)}</span>
      </th>
      <td className="warning-text">{w.subject.district ? districtLabel(w.subject.district, lang) : t('cityWide')}</td>
      <td className="warning-text">{warningRuleText(w.kind, lang, formatPercent(-w.threshold, lang))}</td>
      <td>{money(w.value, w, lang)}</td>
      <td>{money(w.previous, w, lang)}</td>
      <td>{formatChange(w.change, 'yuan', lang)}</td>
      <td>{threshold}</td>
    </tr>
  );
}

export function WarningsCard({ period, cumulative, filter, user }: WarningsCardProps) {
  const { t, tf, lang } = useT();
  // Keyed by the user too: what one may see depends on the role and, for officials, the district.
  const q = useQuery({
    queryKey: warningKeys.list(viewerOf(user), { period, cumulative, filter, lang }),
    queryFn: ({ signal }) => fetchWarnings({ period, cumulative, filter, lang }, signal),
  });
  const a = q.data;
  const districts = a ? Object.entries(a.countsByDistrict).sort((x, y) => y[1] - x[1] || x[0].localeCompare(y[0])) : [];
  return (
    <section className="dash-card warnings-card" data-testid="warnings-card" aria-label={t('warningsTitle')}>
      <header className="dash-card-head">
        <h2>{t('warningsTitle')}</h2>
        <p className="muted">{freshness(a?.period ?? period, a?.cumulative ?? cumulative, a?.dataThrough, lang)} · {t('warningsNote')}</p>
      </header>
      {q.error ? <p className="form-error" role="alert">{t('warningsLoadError')}{errorText(q.error, lang)}</p>
        : !a ? <p role="status" className="muted">{t('warningsLoading')}</p>
          : (
            <>
              <p className="warnings-total" data-testid="warnings-total">{tf('warningsTotal', { n: a.total })}</p>
              {user?.role === 'official' && <p className="muted">{tf('officialNote', { district: districtLabel(user.district, lang) })}</p>}
              {a.hiddenKinds.length > 0 && <p className="muted" data-testid="warnings-hidden">{t('hiddenNote')}</p>}
              {districts.length > 0 && (
                <ul className="warnings-districts" aria-label={t('warningsByDistrict')} data-testid="warnings-districts">
                  {districts.map(([code, n]) => <li key={code} data-district={code}>{districtLabel(code, lang)} <b>{formatNumber(n, lang)}</b></li>)}
                </ul>
              )}
              {a.total === 0 ? <p className="muted">{t('warningsNone')}</p> : (
                <div className="table-wrap warnings-list">
                  <table className="dash-table warnings-table">
                    <thead>
                      <tr>{(['colSeverity', 'colSubject', 'colDistrict', 'colRule', 'colValue', 'colPrevious', 'warningsColChange', 'colThreshold'] as const).map((k) => <th key={k} scope="col">{t(k)}</th>)}</tr>
                    </thead>
                    <tbody>{a.items.map((w) => <WarningRow key={`${w.rule}:${w.subject.type}:${w.subject.id ?? w.subject.key}`} w={w} />)}</tbody>
                  </table>
                </div>
              )}
              {a.total > a.items.length && <p className="muted">{tf('listed', { n: formatNumber(a.items.length, lang) })}</p>}
            </>
          )}
      {user?.role === 'admin' && <WarningRulesEditor />}
    </section>
  );
}
