// Monitoring reports on the dashboard: planners and administrators ask for the report of a period
// (internal or public, optionally as the data stood on a date) and follow its progress; everyone
// sees the archive with stable links to the PDF, Word and HTML files; administrators publish and
// set schedules. Viewers and the public see the published public reports only (the server decides).
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { REPORT_AUDIENCES, SCHEDULE_KINDS, type ReportAudience, type ReportInfo, type ReportSchedule, type ScheduleKind } from '../../domain/monitoring/reports.ts';
import type { Lang } from '../../domain/taxonomy.ts';
import { createSchedule, fetchReports, fetchSchedules, publishReport, reportFileUrl, requestReport, updateSchedule } from '../api/endpoints-reports.ts';
import { ApiError } from '../api/client.ts';
import type { SessionUser } from '../api/types.ts';
import { errorText } from '../components/error-text.ts';
import { formatPercent, periodLabel } from '../i18n/indicator-format.ts';
import { rt, rtf, type ReportKey } from '../i18n/messages-reports.ts';

const KIND_KEYS: Record<ScheduleKind, ReportKey> = { month: 'scheduleMonth', quarter: 'scheduleQuarter', year: 'scheduleYear' };
const dateTime = (iso: string, lang: Lang) => new Intl.DateTimeFormat(lang, { timeZone: 'Asia/Shanghai', dateStyle: 'short', timeStyle: 'short' }).format(new Date(iso));

function statusText(r: ReportInfo, lang: Lang): string {
  if (r.status === 'failed') return rtf('failed', lang, { error: r.error ?? '' });
  if (r.status === 'running') return rtf('running', lang, { pct: formatPercent(r.progress, lang, 0) });
  if (r.status === 'queued') return rt('queued', lang);
  return r.published ? rtf('publishedV', lang, { version: r.version ?? '' }) : `${rt('done', lang)} · ${rt('draft', lang)}`;
}

function ReportRow({ r, lang, mayPublish }: { r: ReportInfo; lang: Lang; mayPublish: boolean }) {
  const client = useQueryClient();
  const publish = useMutation({ mutationFn: () => publishReport(r.id), onSettled: () => client.invalidateQueries({ queryKey: ['reports'] }) });
  const audience = rt(r.audience, lang);
  return (
    <tr data-testid={`report-${r.id}`} data-status={r.status}>
      <th scope="row">{periodLabel(r.period, false, lang)} · {audience}</th>
      <td>
        {r.status === 'running' && <progress max={1} value={r.progress} aria-label={statusText(r, lang)} />} {statusText(r, lang)}
        {publish.error && <span className="form-error" role="alert"> {publish.error instanceof ApiError && publish.error.status === 409 ? rt('publishConflict', lang) : errorText(publish.error, lang)}</span>}
      </td>
      <td>
        {r.dataThrough && rtf('vintage', lang, { through: r.dataThrough })}
        {r.asOf && <> · {rtf('asOfShown', lang, { date: r.asOf })}</>}
        {r.demo && <> · {rt('demo', lang)}</>}
      </td>
      <td className="muted">{rtf('by', lang, { who: r.requestedBy, when: dateTime(r.requestedAt, lang) })}</td>
      <td className="report-files">
        {r.status === 'done' && (
          <>
            <a href={reportFileUrl(r.id, 'html')} target="_blank" rel="noopener">{rt('preview', lang)}</a>
            <a href={reportFileUrl(r.id, 'pdf')} data-testid={`report-${r.id}-pdf`}>{rt('pdf', lang)}</a>
            <a href={reportFileUrl(r.id, 'docx')}>{rt('docx', lang)}</a>
            {mayPublish && !r.published && (
              <button type="button" disabled={publish.isPending} data-testid={`report-${r.id}-publish`}
                onClick={() => window.confirm(rtf('publishConfirm', lang, { period: periodLabel(r.period, false, lang), audience })) && publish.mutate()}>
                {rt('publish', lang)}
              </button>
            )}
          </>
        )}
      </td>
    </tr>
  );
}

function ScheduleRow({ s, lang }: { s: ReportSchedule; lang: Lang }) {
  const client = useQueryClient();
  const toggle = useMutation({ mutationFn: () => updateSchedule(s.id, s.version, { enabled: !s.enabled }), onSettled: () => client.invalidateQueries({ queryKey: ['report-schedules'] }) });
  const kind = rt(KIND_KEYS[s.kind], lang);
  return (
    <li>
      <label>
        <input type="checkbox" checked={s.enabled} disabled={toggle.isPending} onChange={() => toggle.mutate()} /> {rt('scheduleEnabled', lang)}
      </label>{' '}
      {rtf('scheduleLine', lang, { kind, day: s.day, audiences: s.audiences.map((a) => rt(a, lang)).join('、'), publish: s.publish ? rt('scheduleAutoPublish', lang) : '' })}
      {s.lastPeriod && <span className="muted"> · {rtf('scheduleLast', lang, { period: periodLabel(s.lastPeriod, false, lang) })}</span>}
      {toggle.error && <span className="form-error" role="alert"> {errorText(toggle.error, lang)}</span>}
    </li>
  );
}

function Schedules({ lang }: { lang: Lang }) {
  const client = useQueryClient();
  const q = useQuery({ queryKey: ['report-schedules'], queryFn: ({ signal }) => fetchSchedules(signal) });
  const [kind, setKind] = useState<ScheduleKind>('month');
  const [day, setDay] = useState(10);
  const [publish, setPublish] = useState(true);
  const add = useMutation({
    mutationFn: () => createSchedule({ kind, day, audiences: ['internal', 'public'], publish }),
    onSettled: () => client.invalidateQueries({ queryKey: ['report-schedules'] }),
  });
  return (
    <details className="report-schedules" data-testid="report-schedules">
      <summary>{rt('schedules', lang)}</summary>
      {q.data && (q.data.length ? <ul>{q.data.map((s) => <ScheduleRow key={s.id} s={s} lang={lang} />)}</ul> : <p className="muted">{rt('scheduleNone', lang)}</p>)}
      <form className="report-form" onSubmit={(e) => { e.preventDefault(); add.mutate(); }}>
        <label>{rt('scheduleKind', lang)}{' '}
          <select value={kind} onChange={(e) => setKind(e.target.value as ScheduleKind)}>
            {SCHEDULE_KINDS.map((k) => <option key={k} value={k}>{rt(KIND_KEYS[k], lang)}</option>)}
          </select>
        </label>
        <label>{rt('scheduleDay', lang)}{' '}
          <input type="number" min={1} max={28} value={day} onChange={(e) => setDay(Number(e.target.value))} />
        </label>
        <label><input type="checkbox" checked={publish} onChange={(e) => setPublish(e.target.checked)} /> {rt('schedulePublish', lang)}</label>
        <button type="submit" disabled={add.isPending}>{rt('scheduleAdd', lang)}</button>
        {add.error && <span className="form-error" role="alert">{errorText(add.error, lang)}</span>}
      </form>
    </details>
  );
}

export function ReportsCard({ period, lang, user }: { period: string; lang: Lang; user: SessionUser | null }) {
  const client = useQueryClient();
  const mayRequest = user?.role === 'admin' || user?.role === 'planner';
  const archiveOnly = !user || user.role === 'viewer';
  const reports = useQuery({
    queryKey: ['reports', user?.id ?? null],
    queryFn: ({ signal }) => fetchReports(signal),
    // Follow jobs while any is queued or running.
    refetchInterval: (q) => (q.state.data?.some((r) => r.status === 'queued' || r.status === 'running') ? 1000 : false),
  });
  const [audience, setAudience] = useState<ReportAudience>('internal');
  const [asOf, setAsOf] = useState('');
  const ask = useMutation({ mutationFn: () => requestReport(period, audience, asOf || null), onSettled: () => client.invalidateQueries({ queryKey: ['reports'] }) });
  return (
    <section className="dash-card reports-card" data-testid="reports-card" aria-labelledby="reports-title">
      <header className="dash-card-head">
        <h2 id="reports-title">{rt('title', lang)}</h2>
        <p className="muted">{rt(archiveOnly ? 'archiveNote' : 'note', lang)}</p>
      </header>
      {mayRequest && (
        <form className="report-form" onSubmit={(e) => { e.preventDefault(); ask.mutate(); }} data-testid="report-form">
          <span>{rt('period', lang)}：{periodLabel(period, false, lang)}</span>
          <label>{rt('audience', lang)}{' '}
            <select value={audience} onChange={(e) => setAudience(e.target.value as ReportAudience)} data-testid="report-audience">
              {REPORT_AUDIENCES.map((a) => <option key={a} value={a}>{rt(a, lang)}</option>)}
            </select>
          </label>
          <label>{rt('asOf', lang)}{' '}
            <input type="date" value={asOf} max={new Date().toISOString().slice(0, 10)} onChange={(e) => setAsOf(e.target.value)} />
          </label>
          <button type="submit" disabled={ask.isPending} data-testid="report-generate">{rt('generate', lang)}</button>
          {ask.error && <span className="form-error" role="alert">{errorText(ask.error, lang)}</span>}
        </form>
      )}
      {reports.error ? <p className="form-error" role="alert">{rt('loadError', lang)}{errorText(reports.error, lang)}</p>
        : reports.data && !reports.data.length ? <p className="muted">{rt(archiveOnly ? 'noneArchive' : 'none', lang)}</p>
          : reports.data && (
            <div className="dash-table-wrap">
              <table className="dash-table reports-table">
                <thead>
                  <tr><th scope="col">{rt('colPeriod', lang)}</th><th scope="col">{rt('colStatus', lang)}</th><th scope="col">{rt('colData', lang)}</th><th scope="col">{rt('colRequested', lang)}</th><th scope="col">{rt('colFiles', lang)}</th></tr>
                </thead>
                <tbody>{reports.data.map((r) => <ReportRow key={r.id} r={r} lang={lang} mayPublish={user?.role === 'admin'} />)}</tbody>
              </table>
            </div>
          )}
      {user?.role === 'admin' && <Schedules lang={lang} />}
    </section>
  );
}
