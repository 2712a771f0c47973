// Key cities compared (重点城市指标对比): for one indicator, the published figure of each city in the
// four years up to the dashboard's, Guangzhou first and highlighted. Every figure links to its source
// (and is numbered in the source list below); part-year figures carry their months, shares their
// denominator; a figure nobody published reads "未见公开数据" and is never estimated. Administrators
// correct or add a figure in place (value, source, reason; the server keeps every version).
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useMemo, useState } from 'react';
import {
  CITIES, CITY_INDICATORS, DENOMINATORS, QUALIFIERS, cityIndicatorDef, cityLabel, coverageMonths, isShare, type CityIndicatorDef, type Denominator, type IndicatorGroup, type Qualifier,
} from '../../domain/monitoring/city-indicators.ts';
import type { Lang } from '../../domain/taxonomy.ts';
import { ApiError } from '../api/client.ts';
import { addCityFigure, fetchCityIndicators, updateCityFigure, type CityFigureEdit, type CityFigureView } from '../api/endpoints-cities.ts';
import type { SessionUser } from '../api/types.ts';
import { errorText, reasonText } from '../i18n/error-text.ts';
import { formatNumber } from '../i18n/format.ts';
import { cityUnitLabel } from '../i18n/labels.ts';
import { coverageText } from '../i18n/messages-cities.ts';
import { type MessageKey, t } from '../i18n/messages.ts';
import { useT } from '../i18n/use-t.ts';
import { cityIndicatorKeys } from '../queries/city-indicators.ts';

export interface CityComparisonCardProps {
  user: SessionUser | null;
  /** The last year shown; the card shows it and the three before. */
  year: number;
}

const GROUP_LABEL: Record<IndicatorGroup, MessageKey> = { industry: 'groupIndustry', firms: 'groupFirms', guangzhou: 'groupGuangzhou' };
/** Indicators whose above-scale and scope-not-stated twins are kept apart: the card points from one to the other. */
const TWINS: Record<string, string> = {
  valueAdded: 'industryValueAdded', industryValueAdded: 'valueAdded', valueAddedGrowth: 'industryValueAddedGrowth', industryValueAddedGrowth: 'valueAddedGrowth',
  output: 'industryOutput', industryOutput: 'output', outputGrowth: 'industryOutputGrowth', industryOutputGrowth: 'outputGrowth',
};
const DENOMINATOR_MARKS = ['a', 'b', 'c'];

/** A figure's number in its unit, with the source's qualifier (超过 6,000 亿元, +4.7%, 67.6%). */
export function formatFigure(f: Pick<CityFigureView, 'value' | 'qualifier'>, def: CityIndicatorDef, lang: Lang): string {
  if (f.value === null) return t('missing', lang);
  const v = f.value;
  let text: string;
  if (def.unit === '%') text = `${def.growth && v > 0 ? '+' : ''}${formatNumber(v, lang, 2)}%`;
  else if (def.unit === '亿元') text = lang === 'en' ? `CNY ${formatNumber(v / 10, lang, 3)} bn` : `${formatNumber(v, lang, 2)} ${cityUnitLabel('亿元', lang)}`;
  else if (def.unit === 'km²') text = `${formatNumber(v, lang, 2)} ${cityUnitLabel('km²', lang)}`;
  else text = formatNumber(v, lang);
  const q = f.qualifier && f.qualifier in QUALIFIERS ? QUALIFIERS[f.qualifier as Qualifier][lang] : '';
  return q ? `${q}${lang === 'en' ? ' ' : ''}${text}` : text;
}

const sourceKey = (f: CityFigureView) => `${f.sourceTitle ?? ''}\u0000${f.sourceUrl ?? ''}`;

function Cell({ f, def, sourceNo, mark, onEdit, editLabel }: {
  f: CityFigureView | undefined; def: CityIndicatorDef; sourceNo: number | undefined; mark: string | undefined; onEdit?: () => void; editLabel: string;
}) {
  const { t, lang } = useT();
  const edit = onEdit && <button type="button" className="city-edit" onClick={onEdit} aria-label={editLabel} title={editLabel}>✎</button>;
  if (!f || f.value === null)
    return <td className="city-missing" data-missing="true" title={f?.note ?? undefined}>{t('missing')}{edit}</td>;
  const months = coverageMonths(f.coverage);
  const title = [f.sourceTitle, f.note].filter(Boolean).join(' — ');
  const text = formatFigure(f, def, lang);
  return (
    <td data-figure-id={f.id} data-value={f.value} className={months ? 'city-partial' : undefined}>
      {f.sourceUrl ? <a href={f.sourceUrl} target="_blank" rel="noopener noreferrer" title={title}>{text}</a> : <span title={title}>{text}</span>}
      {mark && <sup className="city-mark" title={DENOMINATORS[f.denominator as Denominator]?.[lang]}>{mark}</sup>}
      {sourceNo !== undefined && <sup><a href={`#city-source-${sourceNo}`} className="city-source-ref">[{sourceNo}]</a></sup>}
      {months && <span className="city-coverage" data-coverage={f.coverage}>{coverageText(months.to, lang)}</span>}
      {edit}
    </td>
  );
}

interface Target { city: string; year: number; figure: CityFigureView | undefined }

function Editor({ target, def, onClose }: { target: Target; def: CityIndicatorDef; onClose: () => void }) {
  const { t, tf, lang } = useT();
  const client = useQueryClient();
  const f = target.figure;
  const [value, setValue] = useState(f?.value == null ? '' : String(f.value));
  const [qualifier, setQualifier] = useState(f?.qualifier ?? '');
  const [coverage, setCoverage] = useState(f?.coverage ?? '');
  const [denominator, setDenominator] = useState(f?.denominator ?? def.denominators?.[0] ?? '');
  const [sourceTitle, setSourceTitle] = useState(f?.sourceTitle ?? '');
  const [sourceUrl, setSourceUrl] = useState(f?.sourceUrl ?? '');
  const [note, setNote] = useState(f?.note ?? '');
  const [reason, setReason] = useState('');
  const [message, setMessage] = useState<string | null>(null);
  // Another version (saved here, or reloaded after a 412) shows its values.
  useEffect(() => {
    setValue(f?.value == null ? '' : String(f.value));
    setQualifier(f?.qualifier ?? '');
    setCoverage(f?.coverage ?? '');
    setSourceTitle(f?.sourceTitle ?? '');
    setSourceUrl(f?.sourceUrl ?? '');
    setNote(f?.note ?? '');
  }, [f?.id, f?.version]);
  const edit = (): CityFigureEdit => ({
    value: value.trim() === '' ? null : Number(value),
    qualifier: qualifier || null,
    coverage: coverage || null,
    denominator: isShare(def) ? denominator || null : null,
    sourceTitle: sourceTitle.trim() || null,
    sourceUrl: sourceUrl.trim() || null,
    note: note.trim() || null,
  });
  const save = useMutation({
    mutationFn: () => (f ? updateCityFigure(f.id, f.version, edit(), reason.trim()) : addCityFigure({ ...edit(), city: target.city, indicator: def.code, year: target.year }, reason.trim())),
    onSuccess: (row) => {
      setMessage(tf('citiesSaved', { version: row.version }));
      setReason('');
      void client.invalidateQueries({ queryKey: cityIndicatorKeys.all });
    },
    onError: (err) => {
      if (err instanceof ApiError && err.status === 412) {
        setMessage(t('citiesStale'));
        void client.invalidateQueries({ queryKey: cityIndicatorKeys.all });
      } else if (err instanceof ApiError && (err.status === 400 || err.status === 409)) setMessage(t('citiesRefused') + reasonText(err, lang));
      else setMessage(errorText(err, lang));
    },
  });
  const submit = () => {
    if (value.trim() !== '' && !Number.isFinite(Number(value))) return setMessage(t('badValue'));
    if (value.trim() !== '' && !sourceTitle.trim() && !sourceUrl.trim()) return setMessage(t('needSource'));
    if (!reason.trim()) return setMessage(t('needReason'));
    save.mutate();
  };
  const title = tf('citiesEditorTitle', { city: cityLabel(target.city, lang), year: target.year, indicator: def.label[lang] });
  return (
    <form className="city-editor" data-testid="city-editor" aria-label={title} onSubmit={(e) => { e.preventDefault(); submit(); }}>
      <h3>{title}</h3>
      <div className="city-editor-fields">
        <label>{tf('citiesValue', { unit: cityUnitLabel(def.unit, lang) })}
          <input name="value" type="text" inputMode="decimal" value={value} onChange={(e) => setValue(e.target.value)} placeholder={t('valueHint')} />
        </label>
        <label>{t('qualifier')}
          <select name="qualifier" value={qualifier} onChange={(e) => setQualifier(e.target.value)}>
            <option value="">{t('qualifierNone')}</option>
            {(Object.keys(QUALIFIERS) as Qualifier[]).map((q) => <option key={q} value={q}>{QUALIFIERS[q][lang]}</option>)}
          </select>
        </label>
        {!['count', 'km²'].includes(def.unit) || def.growth ? (
          <label>{t('coverageLabel')}
            <select name="coverage" value={coverage} onChange={(e) => setCoverage(e.target.value)}>
              <option value="">{t('fullYear')}</option>
              {Array.from({ length: 11 }, (_, i) => i + 1).map((m) => <option key={m} value={`1-${m}`}>{coverageText(m, lang)}</option>)}
            </select>
          </label>
        ) : null}
        {isShare(def) && (
          <label>{t('denominator')}
            <select name="denominator" value={denominator} onChange={(e) => setDenominator(e.target.value)}>
              {def.denominators!.map((d) => <option key={d} value={d}>{DENOMINATORS[d][lang]}</option>)}
            </select>
          </label>
        )}
        <label className="wide">{t('sourceTitle')}<input name="sourceTitle" value={sourceTitle} onChange={(e) => setSourceTitle(e.target.value)} maxLength={500} /></label>
        <label className="wide">{t('sourceUrl')}<input name="sourceUrl" type="url" value={sourceUrl} onChange={(e) => setSourceUrl(e.target.value)} maxLength={2000} /></label>
        <label className="wide">{t('noteLabel')}<input name="note" value={note} onChange={(e) => setNote(e.target.value)} maxLength={2000} /></label>
        <label className="wide">{t('reason')}<input name="reason" value={reason} onChange={(e) => setReason(e.target.value)} maxLength={2000} /></label>
      </div>
      <div className="buttons">
        <button type="submit" className="primary" disabled={save.isPending}>{t('citiesSave')}</button>
        <button type="button" onClick={onClose}>{t('cancel')}</button>
        {message && <span className="muted" role="status">{message}</span>}
      </div>
    </form>
  );
}

export function CityComparisonCard({ user, year }: CityComparisonCardProps) {
  const { t, tf, lang } = useT();
  const [indicator, setIndicator] = useState('amShare');
  const [editing, setEditing] = useState<{ city: string; year: number } | null>(null);
  const years = useMemo(() => [year - 3, year - 2, year - 1, year], [year]);
  const def = cityIndicatorDef(indicator) ?? CITY_INDICATORS[0];
  const q = useQuery({
    queryKey: cityIndicatorKeys.comparison(indicator, years),
    queryFn: ({ signal }) => fetchCityIndicators({ indicators: [indicator], years }, signal),
  });
  const isAdmin = user?.role === 'admin';
  const byCell = useMemo(() => new Map((q.data ?? []).map((f) => [`${f.city}:${f.year}`, f])), [q.data]);
  // Sources numbered in table order; denominators lettered in the order they appear.
  const { sources, sourceNo, marks } = useMemo(() => {
    const sources: CityFigureView[] = [];
    const sourceNo = new Map<string, number>();
    const marks = new Map<string, string>();
    for (const c of CITIES)
      for (const y of years) {
        const f = byCell.get(`${c.code}:${y}`);
        if (!f || f.value === null) continue;
        if ((f.sourceTitle || f.sourceUrl) && !sourceNo.has(sourceKey(f))) {
          sources.push(f);
          sourceNo.set(sourceKey(f), sources.length);
        }
        if (f.denominator && !marks.has(f.denominator)) marks.set(f.denominator, DENOMINATOR_MARKS[marks.size] ?? '*');
      }
    return { sources, sourceNo, marks };
  }, [byCell, years]);
  const hasPartial = (q.data ?? []).some((f) => f.value !== null && f.coverage);
  const groups = (['industry', 'firms', 'guangzhou'] as const).map((g) => ({ g, items: CITY_INDICATORS.filter((i) => i.group === g) }));
  const twin = TWINS[indicator];
  const target = editing ? { ...editing, figure: byCell.get(`${editing.city}:${editing.year}`) } : null;

  return (
    <section className="dash-card city-comparison" data-testid="city-comparison" aria-label={t('citiesTitle')}>
      <header className="dash-card-head">
        <h2>{t('citiesTitle')}</h2>
        <p className="muted">{t('citiesNote')}</p>
      </header>
      <div className="city-controls">
        <label>{t('indicator')}{' '}
          <select value={indicator} onChange={(e) => { setIndicator(e.target.value); setEditing(null); }} data-testid="city-indicator">
            {groups.map(({ g, items }) => (
              <optgroup key={g} label={t(GROUP_LABEL[g])}>
                {items.map((i) => <option key={i.code} value={i.code}>{i.label[lang]}</option>)}
              </optgroup>
            ))}
          </select>
        </label>
        {twin && (
          <span className="muted">{t('seeAlso')}
            <button type="button" className="link-button" onClick={() => setIndicator(twin)}>{cityIndicatorDef(twin)?.label[lang]}</button>
          </span>
        )}
      </div>
      {q.error ? <p className="form-error" role="alert">{t('citiesLoadError')}{errorText(q.error, lang)}</p>
        : !q.data ? <p role="status" className="muted">{t('citiesLoading')}</p>
          : (
            <>
              <div className="table-wrap">
                <table className="dash-table city-table" data-indicator={indicator}>
                  <caption className="sr-only">{def.label[lang]}</caption>
                  <thead>
                    <tr><th scope="col">{t('city')}</th>{years.map((y) => <th key={y} scope="col">{tf('yearCol', { year: y })}</th>)}</tr>
                  </thead>
                  <tbody>
                    {CITIES.map((c) => (
                      <tr key={c.code} data-city={c.code} className={c.home ? 'city-home' : undefined}>
                        <th scope="row">{c.label[lang]}{c.home && <span className="city-home-tag"> · {t('home')}</span>}</th>
                        {years.map((y) => {
                          const f = byCell.get(`${c.code}:${y}`);
                          return (
                            <Cell key={y} f={f} def={def} sourceNo={f ? sourceNo.get(sourceKey(f)) : undefined} mark={f?.denominator ? marks.get(f.denominator) : undefined}
                              editLabel={tf('editCell', { city: c.label[lang], year: y })} onEdit={isAdmin ? () => setEditing({ city: c.code, year: y }) : undefined} />
                          );
                        })}
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
              {(marks.size > 0 || hasPartial) && (
                <ul className="city-legend">
                  {[...marks].map(([d, m]) => <li key={d}><sup>{m}</sup> {t('denominators')}：{DENOMINATORS[d as Denominator]?.[lang] ?? d}</li>)}
                  {hasPartial && <li>{t('partialNote')}</li>}
                </ul>
              )}
              {sources.length > 0 && (
                <details className="city-sources">
                  <summary>{t('sources')} ({sources.length})</summary>
                  <ol>
                    {sources.map((f, i) => (
                      <li key={sourceKey(f)} id={`city-source-${i + 1}`}>
                        {f.sourceUrl ? <a href={f.sourceUrl} target="_blank" rel="noopener noreferrer">{f.sourceTitle ?? f.sourceUrl}</a> : <>{f.sourceTitle} <span className="muted">{t('noUrl')}</span></>}
                      </li>
                    ))}
                  </ol>
                </details>
              )}
              {isAdmin && target && <Editor key={`${indicator}:${target.city}:${target.year}`} target={target} def={def} onClose={() => setEditing(null)} />}
            </>
          )}
    </section>
  );
}
