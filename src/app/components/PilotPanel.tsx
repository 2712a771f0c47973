// Pilot selection (architecture §4, "Pilot selection"): a year's quality-and-efficiency pilots against
// the plan's ~20 (with the warning when far from it), the nominations awaiting the city (administrators
// approve or return them here or in the review queue, with the same ProposalCard), the ranking of
// low-efficiency parks (an official's district, or city-wide / one district for the city) with
// "nominate for year N" for officials, and each pilot's efficiency before and after and its progress.
import { useQuery } from '@tanstack/react-query';
import { useId, useMemo, useState } from 'react';
import { defaultPilotYear, type PilotCandidate, type PilotYearAnswer } from '../../domain/pilots.ts';
import { taxonomy } from '../../domain/taxonomy.ts';
import { fetchPilotCandidates, fetchPilots } from '../api/endpoints-pilots.ts';
import { proposeParkChange } from '../api/endpoints-reviews.ts';
import type { SessionUser } from '../api/types.ts';
import { todayInChina } from '../i18n/format.ts';
import { districtLabel, progressLabel } from '../i18n/labels.ts';
import { changeText, reasonsText, wanPerMu } from '../i18n/messages-pilots.ts';
import { useAppStore } from '../state/store.ts';
import { errorText } from '../i18n/error-text.ts';
import { PanelFrame } from './PanelFrame.tsx';
import { ProposalCard } from './ProposalCard.tsx';
import { usePendingProposals } from '../hooks/useReviews.ts';
import { proposalsChanged } from '../queries/invalidate.ts';
import { mayDecideProposals, mayEditPark, maySeeProposals } from '../../domain/permissions.ts';
import { useT } from '../i18n/use-t.ts';
import { pilotCandidateKeys, pilotKeys } from '../queries/pilots.ts';
import { useViewer, viewerOf } from '../queries/viewer.ts';

/** After a nomination or a decision: the pilots, the ranking and the review queue are asked again (queries/invalidate.ts). */
const refreshPilots = proposalsChanged;

export function usePilotYear(year: number) {
  const viewer = useViewer();
  return useQuery({ queryKey: pilotKeys.year(viewer ?? '', year), queryFn: ({ signal }) => fetchPilots(year, signal), enabled: viewer !== null, staleTime: 30_000 });
}

function CountBlock({ data }: { data: PilotYearAnswer }) {
  const { t, tf, lang } = useT();
  const vars = { year: data.year, count: data.confirmed, target: data.target, min: data.range.min, max: data.range.max };
  const districts = taxonomy.districts.filter((d) => data.byDistrict[d.code]?.confirmed || data.byDistrict[d.code]?.pending);
  const showPending = Object.values(data.byDistrict).some((d) => d.pending !== null);
  return (
    <>
      <p className="pilot-count" data-testid="pilots-count" data-count={data.confirmed} data-warning={data.warning}>
        <strong>{tf('pilotsCount', vars)}</strong>
      </p>
      {data.warning && <p className="hint warn" role="alert" data-testid="pilots-warning">{tf(data.band === 'below' ? 'pilotsWarnBelow' : 'pilotsWarnAbove', vars)}</p>}
      {data.projected !== null && data.projected !== data.confirmed && (
        <p className="hint" data-testid="pilots-projected">
          {tf(data.projectedBand === 'within' ? 'pilotsProjected' : 'pilotsProjectedWarn', { ...vars, count: data.projected })}
        </p>
      )}
      {districts.length > 0 && (
        <table className="park-table" data-testid="pilots-by-district">
          <caption>{t('pilotsByDistrictTitle')}</caption>
          <thead><tr><th scope="col" style={{ textAlign: 'left' }}>{t('colDistrict')}</th><th scope="col">{t('colConfirmed')}</th>{showPending && <th scope="col">{t('colPending')}</th>}</tr></thead>
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

function Nominations({ year, user }: { year: number; user: SessionUser | null }) {
  const { t, tf, lang } = useT();
  const queue = usePendingProposals();
  const showPanel = useAppStore((s) => s.showPanel);
  const items = queue.items.filter((p) => p.kinds.includes('pilot') && (p.to.pilotYear === year || p.from.pilotYear === year));
  const canDecide = mayDecideProposals(user);
  return (
    <section data-testid="pilot-nominations">
      <h3>{tf('nominationsTitle', { year })}</h3>
      {canDecide && <p className="hint">{t('nominationsHint')}</p>}
      {queue.error ? <p className="form-error" role="alert">{errorText(queue.error, lang)}</p>
        : queue.pending ? <p role="status">{t('pilotsLoading')}</p>
        : !items.length ? <p className="muted" data-testid="pilot-nominations-empty">{t('nominationsEmpty')}</p>
        : (
          <ol className="proposals">
            {items.map((p) => <ProposalCard key={p.id} proposal={p} showPark canDecide={canDecide} onDecided={() => void refreshPilots()} />)}
          </ol>
        )}
      <button type="button" className="link" onClick={() => showPanel('reviews')}>{t('openReviewQueue')} →</button>
    </section>
  );
}

function NominateForm({ c, year, basis, onDone }: { c: PilotCandidate; year: number; basis: number; onDone: (message: string) => void }) {
  const { t, tf, lang } = useT();
  const ids = useId();
  const [reason, setReason] = useState(() => tf('nominateDefaultReason', { basis, year, reasons: reasonsText(c.reasons.filter((r) => !r.source), lang) }));
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const submit = async () => {
    if (!reason.trim()) return setError(t('nominateReasonRequired'));
    setBusy(true);
    setError(null);
    try {
      const made = await proposeParkChange(c.parkId, c.version, { pilotYear: year, reason: reason.trim(), effectiveDate: todayInChina() });
      await refreshPilots();
      onDone(tf('nominateDone', { park: c.name, year, id: made.id }));
    } catch (err) {
      setError(errorText(err, lang));
    } finally {
      setBusy(false);
    }
  };
  return (
    <div className="decision nominate-form">
      <label htmlFor={`${ids}-reason`}>{t('nominateReason')}</label>
      <textarea id={`${ids}-reason`} name="reason" rows={3} maxLength={2000} value={reason} onChange={(e) => setReason(e.target.value)} />
      {error && <p className="form-error" role="alert">{error}</p>}
      <div className="buttons">
        <button type="button" data-testid="nominate-submit" onClick={submit} disabled={busy}>{t('nominateSubmit')}</button>
        <button type="button" onClick={() => onDone('')} disabled={busy}>{t('nominateCancel')}</button>
      </div>
    </div>
  );
}

function Ranking({ year, user }: { year: number; user: SessionUser }) {
  const { t, tf, lang } = useT();
  const selectPark = useAppStore((s) => s.selectPark);
  const official = user.role === 'official';
  const [scope, setScope] = useState<string | null>(null);
  const district = official ? user.district : scope;
  const q = useQuery({
    queryKey: pilotCandidateKeys.ranking(viewerOf(user), year, district),
    queryFn: ({ signal }) => fetchPilotCandidates(year, district, signal),
    staleTime: 30_000,
  });
  const [open, setOpen] = useState<number | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const data = q.data;
  return (
    <section data-testid="pilot-ranking">
      <h3>{district ? tf('rankingTitleDistrict', { district: districtLabel(district, lang) }) : t('rankingTitleCity')}</h3>
      {!official && (
        <label className="hint">
          {t('rankingDistrictPick')}{' '}
          <select value={scope ?? ''} onChange={(e) => setScope(e.target.value || null)} data-testid="pilot-ranking-scope">
            <option value="">{t('rankingTitleCity')}</option>
            {taxonomy.districts.map((d) => <option key={d.code} value={d.code}>{districtLabel(d.code, lang)}</option>)}
          </select>
        </label>
      )}
      {message && <p className="saved" role="status" data-testid="nominate-message">{message}</p>}
      {q.error ? <p className="form-error" role="alert">{t('pilotsLoadError')}{errorText(q.error, lang)}</p>
        : !data ? <p role="status">{t('pilotsLoading')}</p>
        : data.basisYear === null ? <p className="muted">{t('rankingNoBasis')}</p>
        : (
          <>
            <p className="hint">{tf('pilotsRankingHint', { basis: data.basisYear, total: data.total, unassessed: data.unassessed })}</p>
            {!data.items.length && <p className="muted">{t('rankingEmpty')}</p>}
            <ol className="pilot-candidates">
              {data.items.map((c) => (
                <li key={c.parkId} className="pilot-candidate" data-testid="pilot-candidate" data-park={c.parkId}>
                  <div className="head">
                    <span className="rank">{district ? c.districtRank : c.cityRank}</span>
                    <button type="button" className="link" onClick={() => selectPark(c.parkId)}>{c.name}</button>
                    <span className="muted">{district ? c.town : `${districtLabel(c.district, lang)} · ${c.town}`}</span>
                  </div>
                  <div className="figures">
                    {t('colOutputPerMu')} <strong>{wanPerMu(c.outputPerMu, lang)}</strong> · {t('colTaxPerMu')} {wanPerMu(c.taxPerMu, lang)}
                  </div>
                  <div className="reasons hint">{reasonsText(c.reasons.filter((r) => !r.source), lang)}</div>
                  {c.reasons.some((r) => r.source === 'standard') && (
                    <div className="reasons hint" data-testid="pilot-standard-reasons">{reasonsText(c.reasons.filter((r) => r.source === 'standard'), lang)}</div>
                  )}
                  {c.nomination ? (
                    <div className="hint review" data-testid="pilot-nominated">{tf('nominatedAlready', { year: c.nomination.year ?? '—', id: c.nomination.proposalId })}</div>
                  ) : official && mayEditPark(user, c.district) && (open === c.parkId ? (
                    <NominateForm c={c} year={year} basis={data.basisYear!} onDone={(m) => { setOpen(null); setMessage(m || null); }} />
                  ) : (
                    <button type="button" data-testid="nominate" onClick={() => { setOpen(c.parkId); setMessage(null); }}>{tf('nominate', { year })}</button>
                  ))}
                </li>
              ))}
            </ol>
            {data.items.length < data.total && <p className="hint">{tf('rankingMore', { shown: data.items.length, total: data.total })}</p>}
          </>
        )}
    </section>
  );
}

function PilotList({ data }: { data: PilotYearAnswer }) {
  const { t, tf, lang } = useT();
  const selectPark = useAppStore((s) => s.selectPark);
  const fig = (f: PilotYearAnswer['pilots'][number]['before']) => (f?.suppressed ? t('suppressedShort') : f?.outputPerMu == null ? '—' : wanPerMu(f.outputPerMu, lang));
  const s = data.summary;
  return (
    <section data-testid="pilot-list">
      <h3>{tf('pilotsListTitle', { year: data.year, count: data.confirmed })}</h3>
      {data.afterYear === null && <p className="hint">{t('noAfterYet')}</p>}
      {s.parks > 0 && s.before.outputPerMu !== null && s.after.outputPerMu !== null && (
        <p className="hint" data-testid="pilot-summary">
          {tf('summaryLine', { parks: s.parks, before: wanPerMu(s.before.outputPerMu, lang), after: wanPerMu(s.after.outputPerMu, lang), change: changeText((s.after.outputPerMu - s.before.outputPerMu) / s.before.outputPerMu, lang) })}
        </p>
      )}
      {!data.pilots.length ? <p className="muted">{t('pilotsNone')}</p> : (
        <div className="table-wrap">
          <table className="park-table">
            <caption>{t('colOutputPerMu')}</caption>
            <thead>
              <tr>
                <th scope="col" style={{ textAlign: 'left' }}>{t('colPark')} / {t('colProgress')}</th>
                <th scope="col">{tf('colBefore', { year: data.beforeYear })}</th>
                <th scope="col">{data.afterYear ? tf('colAfter', { year: data.afterYear }) : '—'}</th>
                <th scope="col">{t('pilotsColChange')}</th>
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
  const { t, lang } = useT();
  const user = useAppStore((s) => s.user);
  const [year, setYear] = useState(() => defaultPilotYear(Number(todayInChina().slice(0, 4))));
  const q = usePilotYear(year);
  const readers = maySeeProposals(user);
  const years = useMemo(() => [...taxonomy.pilotYears], []);
  return (
    <PanelFrame kicker={t('pilotsKicker')} title={t('pilotSelectionTitle')} titleId={`${ids}-title`} testId="pilot-panel" focusKey="pilots">
      <p className="hint">{t('pilotsIntro')}</p>
      <label>
        {t('pilotsYear')}{' '}
        <select value={year} onChange={(e) => setYear(Number(e.target.value))} data-testid="pilot-year">
          {years.map((y) => <option key={y} value={y}>{y}</option>)}
        </select>
      </label>
      {q.error ? <p className="form-error" role="alert">{t('pilotsLoadError')}{errorText(q.error, lang)}</p>
        : !q.data ? <p role="status">{t('pilotsLoading')}</p>
        : <CountBlock data={q.data} />}
      {readers && <Nominations year={year} user={user} />}
      {readers && user && <Ranking year={year} user={user} />}
      {q.data && <PilotList data={q.data} />}
    </PanelFrame>
  );
}
