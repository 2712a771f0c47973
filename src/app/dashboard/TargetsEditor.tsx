// Administrators change the plan's targets here (value + reason, with the version they saw; the
// server keeps every change). Values are entered the way the plan writes them: 亿元 and %.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { isMetric, METRIC_UNIT } from '../../domain/monitoring/indicators.ts';
import type { Target } from '../../domain/monitoring/targets.ts';
import type { Lang } from '../../domain/taxonomy.ts';
import { ApiError } from '../api/client.ts';
import { fetchTargets, updateTarget } from '../api/endpoints-indicators.ts';
import { districtLabel } from '../i18n/format.ts';
import { clusterLabel } from '../i18n/labels.ts';
import { dt, dtf, metricLabel } from '../i18n/messages-dashboard.ts';
import { errorText } from '../components/error-text.ts';

/** What the user types per unit: 亿元 for money, % for shares, plain counts. */
const scale = (t: Target) => (!isMetric(t.metric) ? 1 : METRIC_UNIT[t.metric] === 'yuan' ? 1e8 : METRIC_UNIT[t.metric] === 'fraction' ? 0.01 : 1);

function targetName(t: Target, lang: Lang): string {
  const what = isMetric(t.metric) ? metricLabel(t.metric, lang) : dt(t.metric === 'pilotParks' ? 'pilotParks' : 'valueParks', lang);
  const scope = t.scope === 'cluster' ? clusterLabel(t.key, lang) : t.scope === 'district' ? districtLabel(t.key, lang) : '';
  return scope ? `${scope} · ${what}` : what;
}

function Row({ target, lang }: { target: Target; lang: Lang }) {
  const client = useQueryClient();
  const [value, setValue] = useState(String(Math.round((target.value / scale(target)) * 100) / 100));
  const [reason, setReason] = useState('');
  const [message, setMessage] = useState<string | null>(null);
  // A new version (saved here, or by someone else and reloaded after a 412) shows its value.
  useEffect(() => setValue(String(Math.round((target.value / scale(target)) * 100) / 100)), [target.value, target.version]);
  const save = useMutation({
    mutationFn: () => updateTarget(target.id, target.version, Number(value) * scale(target), reason.trim()),
    onSuccess: (t) => {
      setMessage(dtf('targetSaved', lang, { version: t.version }));
      setReason('');
      void client.invalidateQueries();
    },
    onError: (err) => {
      if (err instanceof ApiError && err.status === 412) {
        setMessage(dt('targetStale', lang));
        void client.invalidateQueries({ queryKey: ['targets'] });
      } else setMessage(errorText(err, lang));
    },
  });
  const valid = value.trim() !== '' && Number.isFinite(Number(value)) && Number(value) >= 0 && reason.trim() !== '';
  return (
    <tr data-testid={`target-row-${target.id}`}>
      <th scope="row">{targetName(target, lang)}</th>
      <td>{target.year}</td>
      <td><input type="number" min={0} step="any" value={value} onChange={(e) => setValue(e.target.value)} aria-label={dt('targetValue', lang)} /></td>
      <td><input type="text" value={reason} onChange={(e) => setReason(e.target.value)} aria-label={dt('targetReason', lang)} maxLength={2000} /></td>
      <td>
        <button type="button" disabled={save.isPending} onClick={() => (valid ? save.mutate() : setMessage(dt('targetInvalid', lang)))}>{dt('targetSave', lang)}</button>
        {message && <span className="muted" role="status"> {message}</span>}
      </td>
    </tr>
  );
}

export function TargetsEditor({ lang }: { lang: Lang }) {
  const targets = useQuery({ queryKey: ['targets'], queryFn: ({ signal }) => fetchTargets(signal) });
  return (
    <section className="dash-card" data-testid="targets-editor" aria-label={dt('targetsAdmin', lang)}>
      <header className="dash-card-head"><h2>{dt('targetsAdmin', lang)}</h2><p className="muted">{dt('targetsAdminNote', lang)}</p></header>
      {targets.error ? <p className="form-error" role="alert">{errorText(targets.error, lang)}</p> : !targets.data ? <p role="status" className="muted">{dt('loading', lang)}</p> : (
        <div className="table-wrap">
          <table className="dash-table targets-table">
            <thead><tr>{(['targetWhat', 'targetYear', 'targetValue', 'targetReason'] as const).map((k) => <th key={k} scope="col">{dt(k, lang)}</th>)}<th /></tr></thead>
            <tbody>{targets.data.map((t) => <Row key={t.id} target={t} lang={lang} />)}</tbody>
          </table>
        </div>
      )}
    </section>
  );
}
