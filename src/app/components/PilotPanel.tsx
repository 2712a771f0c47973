// Pilot selection (architecture §4, "Pilot selection"): a year's quality-and-efficiency pilots against
// the plan's ~20 (with the warning when far from it), the nominations awaiting the city (administrators
// approve or return them here or in the review queue, with the same ProposalCard), the ranking of
// low-efficiency parks (an official's district, or city-wide / one district for the city) with
// "nominate for year N" for officials, and each pilot's efficiency before and after and its progress.
import { useQuery } from '@tanstack/react-query';
import { useId, useMemo, useState } from 'react';
import { defaultPilotYear, type PilotCandidate, type PilotYearAnswer } from '../../domain/pilots.ts';
import { taxonomy, type Lang } from '../../domain/taxonomy.ts';
import { fetchPilotCandidates, fetchPilots } from '../api/endpoints-pilots.ts';
import { proposeParkChange } from '../api/endpoints-reviews.ts';
import type { SessionUser } from '../api/types.ts';
import { districtLabel, progressLabel, todayInChina } from '../i18n/format.ts';
import { changeText, pt, ptf, reasonsText, wanPerMu } from '../i18n/messages-pilots.ts';
import { mayDecideProposals, mayEditPark, maySeeProposals, useAppStore } from '../state/store.ts';
import { errorText } from './error-text.ts';
import { PanelFrame } from './PanelFrame.tsx';
import { ProposalCard } from './ProposalCard.tsx';
import { refreshProposals, usePendingProposals } from './useReviews.ts';

/** After a nomination or a decision: the pilots, the ranking and the review queue are asked again (useReviews.ts). */
const refreshPilots = refreshProposals;

export function usePilotYear(year: number) {
  const user = useAppStore((s) => s.user?.id ?? null);
  const sessionKnown = useAppStore((s) => s.sessionKnown);
  return useQuery({ queryKey: ['pilots', year, user], queryFn: ({ signal }) => fetchPilots(year, signal), enabled: sessionKnown, staleTime: 30_000 });
}

function CountBlock({ data, lang }: { data: PilotYearAnswer; lang: Lang }) {
  const vars = { year: data.year, count: data.confirmed, target: data.target, min: data.range.min, max: data.range.max };
  const districts = taxonomy.districts.filter((d) => data.byDistrict[d.code]?.confirmed || data.byDistrict[d.code]?.pending);
  const showPending = Object.values(data.byDistrict).some((d) => d.pending !== null);
  return (
    <>
      <p className="pilot-count" data-testid="pilots-count" data-count={data.confirmed} data-warning={data.warning}>
        <strong>{ptf('pilotsCount', lang, vars)}</strong>
      </p>
      {data.warning && <p className="hint warn" role="alert" data-testid="pilots-warning">{ptf(data.band === 'below' ? 'pilotsWarnBelow' : 'pilotsWarnAbove', lang, vars)}</p>}
      {data.projected !== null && data.projected !== data.confirmed && (
        <p className="hint" data-testid="pilots-projected">
          {ptf(data.projectedBand === 'within' ? 'pilotsProjected' : 'pilotsProjectedWarn', lang, { ...vars, count: data.projected })}
        </p>
      )}
      {districts.length > 0 && (
        <table className="park-table" data-testid="pilots-by-district">
          <caption>{pt('byDistrictTitle', lang)}</caption>
          <thead><tr><th scope="col" style={{ textAlign: 'left' }}>{pt('colDistrict', lang)}</th><th scope="col">{pt('colConfirmed', lang)}</th>{showPending && <th scope="col">{pt('colPending', lang)}</th>}</tr></thead>
          <tbody>
            {districts.map((d) => (
              <tr key={d.code} data-district={d.code}>
                <th scope="row">{districtLabel(d.code, lang)}</th>
                <td>{data.byDistrict[d.code].confirmed}</td>
                {showPending && <td>{data.byDistrict[d.code].pending ?? '—'}</td>}
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}

function Nominations({ year, lang, user }: { year: number; lang: Lang; user: SessionUser | null }) {
  const queue = usePendingProposals();
  const openReviews = useAppStore((s) => s.openReviews);
  const items = queue.items.filter((p) => p.kinds.includes('pilot') && (p.to.pilotYear === year || p.from.pilotYear === year));
  const canDecide = mayDecideProposals(user);
  return (
    <section data-testid="pilot-nominations">
      <h3>{ptf('nominationsTitle', lang, { year })}</h3>
      {canDecide && <p className="hint">{pt('nominationsHint', lang)}</p>}
      {queue.error ? <p className="form-error" role="alert">{errorText(queue.error, lang)}</p>
        : queue.pending ? <p role="status">{pt('pilotsLoading', lang)}</p>
        : !items.length ? <p className="muted" data-testid="pilot-nominations-empty">{pt('nominationsEmpty', lang)}</p>
        : (
          <ol className="proposals">
            {items.map((p) => <ProposalCard key={p.id} proposal={p} lang={lang} showPark canDecide={canDecide} onDecided={() => void refreshPilots()} />)}
          </ol>
        )}
      <button type="button" className="link" onClick={openReviews}>{pt('openReviewQueue', lang)} →</button>
    </section>
  );
}

function NominateForm({ c, year, basis, lang, onDone }: { c: PilotCandidate; year: number; basis: number; lang: Lang; onDone: (message: string) => void }) {
  const ids = useId();
  const [reason, setReason] = useState(() => ptf('nominateDefaultReason', lang, { basis, year, reasons: reasonsText(c.reasons.filter((r) => !r.source), lang) }));
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const submit = async () => {
    if (!reason.trim()) return setError(pt('nominateReasonRequired', lang));
    setBusy(true);
    setError(null);
    try {
      const made = await proposeParkChange(c.parkId, c.version, { pilotYear: year, reason: reason.trim(), effectiveDate: todayInChina() });
      await refreshPilots();
      onDone(ptf('nominateDone', lang, { park: c.name, year, id: made.id }));
    } catch (err) {
      setError(errorText(err, lang));
    } finally {
      setBusy(false);
    }
  };
  return (
    <div className="decision nominate-form">
      <label htmlFor={`${ids}-reason`}>{pt('nominateReason', lang)}</label>
      <textarea id={`${ids}-reason`} name="reason" rows={3} maxLength={2000} value={reason} onChange={(e) => setReason(e.target.value)} />
      {error && <p className="form-error" role="alert">{error}</p>}
      <div className="buttons">
        <button type="button" data-testid="nominate-submit" onClick={submit} disabled={busy}>{pt('nominateSubmit', lang)}</button>
        <button type="button" onClick={() => onDone('')} disabled={busy}>{pt('nominateCancel', lang)}</button>
      </div>
    </div>
  );
}

function Ranking({ year, lang, user }: { year: number; lang: Lang; user: SessionUser }) {
  const selectPark = useAppStore((s) => s.selectPark);
  const official = user.role === 'official';
  const [scope, setScope] = useState<string | null>(null);
  const district = official ? user.district : scope;
  const q = useQuery({
    queryKey: ['pilot-candidates', year, district, user.id],
    queryFn: ({ signal }) => fetchPilotCandidates(year, district, signal),
    staleTime: 30_000,
  });
  const [open, setOpen] = useState<number | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const data = q.data;
  return (
    <section data-testid="pilot-ranking">
      <h3>{district ? ptf('rankingTitleDistrict', lang, { district: districtLabel(district, lang) }) : pt('rankingTitleCity', lang)}</h3>
      {!official && (
        <label className="hint">
          {pt('rankingDistrictPick', lang)}{' '}
          <select value={scope ?? ''} onChange={(e) => setScope(e.target.value || null)} data-testid="pilot-ranking-scope">
            <option value="">{pt('rankingTitleCity', lang)}</option>
            {taxonomy.districts.map((d) => <option key={d.code} value={d.code}>{districtLabel(d.code, lang)}</option>)}
          </select>
        </label>
      )}
      {message && <p className="saved" role="status" data-testid="nominate-message">{message}</p>}
      {q.error ? <p className="form-error" role="alert">{pt('pilotsLoadError', lang)}{errorText(q.error, lang)}</p>
        : !data ? <p role="status">{pt('pilotsLoading', lang)}</p>
        : data.basisYear === null ? <p className="muted">{pt('rankingNoBasis', lang)}</p>
        : (
          <>
            <p className="hint">{ptf('rankingHint', lang, { basis: data.basisYear, total: data.total, unassessed: data.unassessed })}</p>
            {!data.items.length && <p className="muted">{pt('rankingEmpty', lang)}</p>}
            <ol className="pilot-candidates">
              {data.items.map((c) => (
                <li key={c.parkId} className="pilot-candidate" data-testid="pilot-candidate" data-park={c.parkId}>
                  <div className="head">
                    <span className="rank">{district ? c.districtRank : c.cityRank}</span>
                    <button type="button" className="link" onClick={() => selectPark(c.parkId)}>{c.name}</button>
                    <span className="muted">{district ? c.town : `${districtLabel(c.district, lang)} · ${c.town}`}</span>
                  </div>
                  <div className="figures">
                    {pt('colOutputPerMu', lang)} <strong>{wanPerMu(c.outputPerMu, lang)}</strong> · {pt('colTaxPerMu', lang)} {wanPerMu(c.taxPerMu, lang)}
                  </div>
                  <div className="reasons hint">{reasonsText(c.reasons.filter((r) => !r.source), lang)}</div>
                  {c.reasons.some((r) => r.source === 'standard') && (
                    <div className="reasons hint" data-testid="pilot-standard-reasons">{reasonsText(c.reasons.filter((r) => r.source === 'standard'), lang)}</div>
                  )}
                  {c.nomination ? (
                    <div className="hint review" data-testid="pilot-nominated">{ptf('nominatedAlready', lang, { year: c.nomination.year ?? '—', id: c.nomination.proposalId })}</div>
                  ) : official && mayEditPark(user, c.district) && (open === c.parkId ? (
                    <NominateForm c={c} year={year} basis={data.basisYear!} lang={lang} onDone={(m) => { setOpen(null); setMessage(m || null); }} />
                  ) : (
                    <button type="button" data-testid="nominate" onClick={() => { setOpen(c.parkId); setMessage(null); }}>{ptf('nominate', lang, { year })}</button>
                  ))}
                </li>
              ))}
            </ol>
            {data.items.length < data.total && <p className="hint">{ptf('rankingMore', lang, { shown: data.items.length, total: data.total })}</p>}
          </>
        )}
    </section>
  );
}

function PilotList({ data, lang }: { data: PilotYearAnswer; lang: Lang }) {
  const selectPark = useAppStore((s) => s.selectPark);
  const fig = (f: PilotYearAnswer['pilots'][number]['before']) => (f?.suppressed ? pt('suppressedShort', lang) : f?.outputPerMu == null ? '—' : wanPerMu(f.outputPerMu, lang));
  const s = data.summary;
  return (
    <section data-testid="pilot-list">
      <h3>{ptf('pilotsListTitle', lang, { year: data.year, count: data.confirmed })}</h3>
      {data.afterYear === null && <p className="hint">{pt('noAfterYet', lang)}</p>}
      {s.parks > 0 && s.before.outputPerMu !== null && s.after.outputPerMu !== null && (
        <p className="hint" data-testid="pilot-summary">
          {ptf('summaryLine', lang, { parks: s.parks, before: wanPerMu(s.before.outputPerMu, lang), after: wanPerMu(s.after.outputPerMu, lang), change: changeText((s.after.outputPerMu - s.before.outputPerMu) / s.before.outputPerMu, lang) })}
        </p>
      )}
      {!data.pilots.length ? <p className="muted">{pt('pilotsNone', lang)}</p> : (
        <div className="table-wrap">
          <table className="park-table">
            <caption>{pt('colOutputPerMu', lang)}</caption>
            <thead>
              <tr>
                <th scope="col" style={{ textAlign: 'left' }}>{pt('colPark', lang)} / {pt('colProgress', lang)}</th>
                <th scope="col">{ptf('colBefore', lang, { year: data.beforeYear })}</th>
                <th scope="col">{data.afterYear ? ptf('colAfter', lang, { year: data.afterYear }) : '—'}</th>
                <th scope="col">{pt('colChange', lang)}</th>
              </tr>
            </thead>
            <tbody>
              {data.pilots.map((p) => (
                <tr key={p.parkId} data-park={p.parkId}>
                  <th scope="row">
                    <button type="button" className="link" onClick={() => selectPark(p.parkId)}>{p.name}</button>
                    <div className="muted">{progressLabel(p.progress, lang)}</div>
                  </th>
                  <td>{fig(p.before)}</td>
                  <td>{fig(p.after)}</td>
                  <td>{changeText(p.change.outputPerMu, lang)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

export function PilotPanel() {
  const ids = useId();
  const { lang, user } = useAppStore();
  const [year, setYear] = useState(() => defaultPilotYear(Number(todayInChina().slice(0, 4))));
  const q = usePilotYear(year);
  const readers = maySeeProposals(user);
  const years = useMemo(() => [...taxonomy.pilotYears], []);
  return (
    <PanelFrame kicker={pt('pilotsKicker', lang)} title={pt('pilotsTitle', lang)} titleId={`${ids}-title`} testId="pilot-panel" focusKey="pilots">
      <p className="hint">{pt('pilotsIntro', lang)}</p>
      <label>
        {pt('pilotsYear', lang)}{' '}
        <select value={year} onChange={(e) => setYear(Number(e.target.value))} data-testid="pilot-year">
          {years.map((y) => <option key={y} value={y}>{y}</option>)}
        </select>
      </label>
      {q.error ? <p className="form-error" role="alert">{pt('pilotsLoadError', lang)}{errorText(q.error, lang)}</p>
        : !q.data ? <p role="status">{pt('pilotsLoading', lang)}</p>
        : <CountBlock data={q.data} lang={lang} />}
      {readers && <Nominations year={year} lang={lang} user={user} />}
      {readers && user && <Ranking year={year} lang={lang} user={user} />}
      {q.data && <PilotList data={q.data} lang={lang} />}
    </PanelFrame>
  );
}
