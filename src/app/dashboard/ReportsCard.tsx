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
import { isAdmin, mayReadConfidential, mayRequestReports } from '../../domain/permissions.ts';
import { errorText } from '../i18n/error-text.ts';
import { problemText } from '../i18n/problem-text.ts';
import { formatPercent, periodLabel } from '../i18n/indicator-format.ts';
import { type MessageKey, t, tf } from '../i18n/messages.ts';
import { useT } from '../i18n/use-t.ts';
import { reportKeys } from '../queries/reports.ts';
import { viewerOf } from '../queries/viewer.ts';

const KIND_KEYS: Record<ScheduleKind, MessageKey> = { month: 'scheduleMonth', quarter: 'scheduleQuarter', year: 'scheduleYear' };
const dateTime = (iso: string, lang: Lang) => new Intl.DateTimeFormat(lang, { timeZone: 'Asia/Shanghai', dateStyle: 'short', timeStyle: 'short' }).format(new Date(iso));

function statusText(r: ReportInfo, lang: Lang): string {
  // Why, from the stored problem in the user's language; the English text only for a job that failed before problems were stored.
  if (r.status === 'failed') return tf('failed', lang, { error: problemText(r.errorProblem, lang, r.error ?? '') ?? '' });
  if (r.status === 'running') return tf('running', lang, { pct: formatPercent(r.progress, lang, 0) });
  if (r.status === 'queued') return t('queued', lang);
  return r.published ? tf('publishedV', lang, { version: r.version ?? '' }) : `${t('done', lang)} · ${t('draft', lang)}`;
}

function ReportRow({ r, mayPublish }: { r: ReportInfo; mayPublish: boolean }) {
  const { t, tf, lang } = useT();
  const client = useQueryClient();
  const publish = useMutation({ mutationFn: () => publishReport(r.id), onSettled: () => client.invalidateQueries({ queryKey: reportKeys.all }) });
  const audience = t(r.audience);
  return (
    <tr data-testid={`report-${r.id}`} data-status={r.status}>
      <th scope="row">{periodLabel(r.period, false, lang)} · {audience}</th>
      <td>
        {r.status === 'running' && <progress max={1} value={r.progress} aria-label={statusText(r, lang)} />} {statusText(r, lang)}
        {publish.error && <span className="form-error" role="alert"> {publish.error instanceof ApiError && publish.error.status === 409 ? t('publishConflict') : errorText(publish.error, lang)}</span>}
      </td>
      <td>
        {r.dataThrough && tf('vintage', { through: r.dataThrough })}
        {r.asOf && <> · {tf('asOfShown', { date: r.asOf })}</>}
        {r.demo && <> · {t('demo')}</>}
      </td>
      <td className="muted">{tf('by', { who: r.requestedBy, when: dateTime(r.requestedAt, lang) })}</td>
      <td className="report-files">
        {r.status === 'done' && (
          <>
            <a href={reportFileUrl(r.id, 'html')} target="_blank" rel="noopener">{t('preview')}</a>
            <a href={reportFileUrl(r.id, 'pdf')} data-testid={`report-${r.id}-pdf`}>{t('pdf')}</a>
            <a href={reportFileUrl(r.id, 'docx')}>{t('docx')}</a>
            {mayPublish && !r.published && (
              <button type="button" disabled={publish.isPending} data-testid={`report-${r.id}-publish`}
                onClick={() => window.confirm(tf('publishConfirm', { period: periodLabel(r.period, false, lang), audience })) && publish.mutate()}>
                {t('publish')}
              </button>
            )}
          </>
        )}
      </td>
    </tr>
  );
}

function ScheduleRow({ s }: { s: ReportSchedule }) {
  const { t, tf, lang } = useT();
  const client = useQueryClient();
  const toggle = useMutation({ mutationFn: () => updateSchedule(s.id, s.version, { enabled: !s.enabled }), onSettled: () => client.invalidateQueries({ queryKey: reportKeys.schedules }) });
  const kind = t(KIND_KEYS[s.kind]);
  return (
    <li>
      <label>
        <input type="checkbox" checked={s.enabled} disabled={toggle.isPending} onChange={() => toggle.mutate()} /> {t('scheduleEnabled')}
      </label>{' '}
      {tf('scheduleLine', { kind, day: s.day, audiences: s.audiences.map((a) => t(a)).join('、'), publish: s.publish ? t('scheduleAutoPublish') : '' })}
      {s.lastPeriod && <span className="muted"> · {tf('scheduleLast', { period: periodLabel(s.lastPeriod, false, lang) })}</span>}
      {toggle.error && <span className="form-error" role="alert"> {errorText(toggle.error, lang)}</span>}
    </li>
  );
}

function Schedules() {
  const { t, lang } = useT();
  const client = useQueryClient();
  const q = useQuery({ queryKey: reportKeys.schedules, queryFn: ({ signal }) => fetchSchedules(signal) });
  const [kind, setKind] = useState<ScheduleKind>('month');
  const [day, setDay] = useState(10);
  const [publish, setPublish] = useState(true);
  const add = useMutation({
    mutationFn: () => createSchedule({ kind, day, audiences: ['internal', 'public'], publish }),
    onSettled: () => client.invalidateQueries({ queryKey: reportKeys.schedules }),
  });
  return (
    <details className="report-schedules" data-testid="report-schedules">
      <summary>{t('schedules')}</summary>
      {q.data && (q.data.length ? <ul>{q.data.map((s) => <ScheduleRow key={s.id} s={s} />)}</ul> : <p className="muted">{t('scheduleNone')}</p>)}
      <form className="report-form" onSubmit={(e) => { e.preventDefault(); add.mutate(); }}>
        <label>{t('scheduleKind')}{' '}
          <select value={kind} onChange={(e) => setKind(e.target.value as ScheduleKind)}>
            {SCHEDULE_KINDS.map((k) => <option key={k} value={k}>{t(KIND_KEYS[k])}</option>)}
          </select>
        </label>
        <label>{t('scheduleDay')}{' '}
          <input type="number" min={1} max={28} value={day} onChange={(e) => setDay(Number(e.target.value))} />
        </label>
        <label><input type="checkbox" checked={publish} onChange={(e) => setPublish(e.target.checked)} /> {t('schedulePublish')}</label>
        <button type="submit" disabled={add.isPending}>{t('scheduleAdd')}</button>
        {add.error && <span className="form-error" role="alert">{errorText(add.error, lang)}</span>}
      </form>
    </details>
  );
}

export function ReportsCard({ period, user }: { period: string; user: SessionUser | null }) {
  const { t, lang } = useT();
  const client = useQueryClient();
  const mayRequest = mayRequestReports(user);
  // Viewers and the public get the published public reports only (the server's list says the same).
  const archiveOnly = !mayReadConfidential(user);
  const reports = useQuery({
    queryKey: reportKeys.list(viewerOf(user)),
    queryFn: ({ signal }) => fetchReports(signal),
    // Follow jobs while any is queued or running.
    refetchInterval: (q) => (q.state.data?.some((r) => r.status === 'queued' || r.status === 'running') ? 1000 : false),
  });
  const [audience, setAudience] = useState<ReportAudience>('internal');
  const [asOf, setAsOf] = useState('');
  const ask = useMutation({ mutationFn: () => requestReport(period, audience, asOf || null), onSettled: () => client.invalidateQueries({ queryKey: reportKeys.all }) });
  return (
    <section className="dash-card reports-card" data-testid="reports-card" aria-labelledby="reports-title">
      <header className="dash-card-head">
        <h2 id="reports-title">{t('reportsTitle')}</h2>
        <p className="muted">{t(archiveOnly ? 'archiveNote' : 'reportsNote')}</p>
      </header>
      {mayRequest && (
        <form className="report-form" onSubmit={(e) => { e.preventDefault(); ask.mutate(); }} data-testid="report-form">
          <span>{t('period')}：{periodLabel(period, false, lang)}</span>
          <label>{t('audience')}{' '}
            <select value={audience} onChange={(e) => setAudience(e.target.value as ReportAudience)} data-testid="report-audience">
              {REPORT_AUDIENCES.map((a) => <option key={a} value={a}>{t(a)}</option>)}
            </select>
          </label>
          <label>{t('asOf')}{' '}
            <input type="date" value={asOf} max={new Date().toISOString().slice(0, 10)} onChange={(e) => setAsOf(e.target.value)} />
          </label>
          <button type="submit" disabled={ask.isPending} data-testid="report-generate">{t('generate')}</button>
          {ask.error && <span className="form-error" role="alert">{errorText(ask.error, lang)}</span>}
        </form>
      )}
      {reports.error ? <p className="form-error" role="alert">{t('reportsLoadError')}{errorText(reports.error, lang)}</p>
        : reports.data && !reports.data.length ? <p className="muted">{t(archiveOnly ? 'noneArchive' : 'reportsNone')}</p>
          : reports.data && (
            <div className="dash-table-wrap">
              <table className="dash-table reports-table">
                <thead>
                  <tr><th scope="col">{t('colPeriod')}</th><th scope="col">{t('colStatus')}</th><th scope="col">{t('colData')}</th><th scope="col">{t('colRequested')}</th><th scope="col">{t('colFiles')}</th></tr>
                </thead>
                <tbody>{reports.data.map((r) => <ReportRow key={r.id} r={r} mayPublish={isAdmin(user)} />)}</tbody>
              </table>
            </div>
          )}
      {isAdmin(user) && <Schedules />}
    </section>
  );
}
