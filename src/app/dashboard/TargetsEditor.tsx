// Administrators change the plan's targets here (value + reason, with the version they saw; the
// server keeps every change). Values are entered the way the plan writes them: 亿元 and %.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { isMetric, METRIC_UNIT } from '../../domain/monitoring/indicators.ts';
import type { Target } from '../../domain/monitoring/targets.ts';
import type { Lang } from '../../domain/taxonomy.ts';
import { ApiError } from '../api/client.ts';
import { fetchTargets, updateTarget } from '../api/endpoints-indicators.ts';
import { clusterLabel, districtLabel, metricLabel } from '../i18n/labels.ts';
import { errorText } from '../i18n/error-text.ts';
import { t } from '../i18n/messages.ts';
import { useT } from '../i18n/use-t.ts';
import { targetKeys } from '../queries/indicators.ts';

/** What the user types per unit: 亿元 for money, % for shares, plain counts. */
const scale = (t: Target) => (!isMetric(t.metric) ? 1 : METRIC_UNIT[t.metric] === 'yuan' ? 1e8 : METRIC_UNIT[t.metric] === 'fraction' ? 0.01 : 1);

function targetName(target: Target, lang: Lang): string {
  const what = isMetric(target.metric) ? metricLabel(target.metric, lang) : t(target.metric === 'pilotParks' ? 'pilotParks' : 'dashboardValueParks', lang);
  const scope = target.scope === 'cluster' ? clusterLabel(target.key, lang) : target.scope === 'district' ? districtLabel(target.key, lang) : '';
  return scope ? `${scope} · ${what}` : what;
}

function Row({ target }: { target: Target }) {
  const { t, tf, lang } = useT();
  const client = useQueryClient();
  const [value, setValue] = useState(String(Math.round((target.value / scale(target)) * 100) / 100));
  const [reason, setReason] = useState('');
  const [message, setMessage] = useState<string | null>(null);
  // A new version (saved here, or by someone else and reloaded after a 412) shows its value.
  useEffect(() => setValue(String(Math.round((target.value / scale(target)) * 100) / 100)), [target.value, target.version]);
  const save = useMutation({
    mutationFn: () => updateTarget(target.id, target.version, Number(value) * scale(target), reason.trim()),
    onSuccess: (t) => {
      setMessage(tf('targetSaved', { version: t.version }));
      setReason('');
      void client.invalidateQueries();
    },
    onError: (err) => {
      if (err instanceof ApiError && err.status === 412) {
        setMessage(t('targetStale'));
        void client.invalidateQueries({ queryKey: targetKeys.all });
      } else setMessage(errorText(err, lang));
    },
  });
  const valid = value.trim() !== '' && Number.isFinite(Number(value)) && Number(value) >= 0 && reason.trim() !== '';
  return (
    <tr data-testid={`target-row-${target.id}`}>
      <th scope="row">{targetName(target, lang)}</th>
      <td>{target.year}</td>
      <td><input type="number" min={0} step="any" value={value} onChange={(e) => setValue(e.target.value)} aria-label={t('targetValue')} /></td>
      <td><input type="text" value={reason} onChange={(e) => setReason(e.target.value)} aria-label={t('targetReason')} maxLength={2000} /></td>
      <td>
        <button type="button" disabled={save.isPending} onClick={() => (valid ? save.mutate() : setMessage(t('targetInvalid')))}>{t('targetSave')}</button>
        {message && <span className="muted" role="status"> {message}</span>}
      </td>
    </tr>
  );
}

export function TargetsEditor() {
  const { t, lang } = useT();
  const targets = useQuery({ queryKey: targetKeys.all, queryFn: ({ signal }) => fetchTargets(signal) });
  return (
    <section className="dash-card" data-testid="targets-editor" aria-label={t('targetsAdmin')}>
      <header className="dash-card-head"><h2>{t('targetsAdmin')}</h2><p className="muted">{t('targetsAdminNote')}</p></header>
      {targets.error ? <p className="form-error" role="alert">{errorText(targets.error, lang)}</p> : !targets.data ? <p role="status" className="muted">{t('dashboardLoading')}</p> : (
        <div className="table-wrap">
          <table className="dash-table targets-table">
            <thead><tr>{(['targetWhat', 'targetYear', 'targetValue', 'targetReason'] as const).map((k) => <th key={k} scope="col">{t(k)}</th>)}<th /></tr></thead>
            <tbody>{targets.data.map((t) => <Row key={t.id} target={t} />)}</tbody>
          </table>
        </div>
      )}
    </section>
  );
}
