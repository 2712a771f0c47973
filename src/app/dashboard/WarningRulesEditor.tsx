// Administrators tune the early-warning rules here: on/off, severity and the threshold, with a reason
// and the version they saw (the server keeps every change). The parameters are checked by the same
// domain function the server uses; money is typed in 万元, percentages as numbers (30 = 30 %).
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { isWarningKind, PARAM_SPECS, SEVERITIES, validateParams, type ParamSpec, type Severity, type WarningRule } from '../../domain/monitoring/warnings.ts';
import { ApiError } from '../api/client.ts';
import { fetchWarningRules, updateWarningRule } from '../api/endpoints-warnings.ts';
import { errorText, reasonText } from '../i18n/error-text.ts';
import { ruleParamLabel, severityLabel, warningKindLabel } from '../i18n/labels.ts';
import { useT } from '../i18n/use-t.ts';
import { warningKeys } from '../queries/warnings.ts';

/** Yuan are typed in 万元; percent and points as they are. */
const scale = (s: ParamSpec) => (s.unit === 'yuan' ? 10_000 : 1);
const shown = (rule: WarningRule) => Object.fromEntries(PARAM_SPECS[rule.kind].map((s) => [s.name, String((rule.params[s.name] ?? 0) / scale(s))]));

function RuleRow({ rule }: { rule: WarningRule }) {
  const { t, tf, lang } = useT();
  const client = useQueryClient();
  const specs = PARAM_SPECS[rule.kind];
  const [values, setValues] = useState(() => shown(rule));
  const [enabled, setEnabled] = useState(rule.enabled);
  const [severity, setSeverity] = useState<Severity>(rule.severity);
  const [reason, setReason] = useState('');
  const [message, setMessage] = useState<string | null>(null);
  // A new version (saved here, or reloaded after a 412) shows its settings.
  useEffect(() => {
    setValues(shown(rule));
    setEnabled(rule.enabled);
    setSeverity(rule.severity);
    // Only a new version resets the row: a refetch of the same version keeps what is being typed.
  }, [rule.id, rule.version]);

  const params = Object.fromEntries(specs.map((s) => [s.name, values[s.name].trim() === '' ? NaN : Number(values[s.name]) * scale(s)]));
  const save = useMutation({
    mutationFn: () => updateWarningRule(rule.id, rule.version, { params, enabled, severity, reason: reason.trim() }),
    onSuccess: (r) => {
      setMessage(tf('warningsSaved', { version: r.version }));
      setReason('');
      void client.invalidateQueries({ queryKey: warningKeys.rules });
      void client.invalidateQueries({ queryKey: warningKeys.all });
    },
    onError: (err) => {
      if (err instanceof ApiError && err.status === 412) {
        setMessage(t('warningsStale'));
        void client.invalidateQueries({ queryKey: warningKeys.rules });
      } else setMessage(err instanceof ApiError && err.status === 400 ? reasonText(err, lang) : errorText(err, lang));
    },
  });
  const submit = () => {
    const check = validateParams(rule.kind, params);
    if (!check.ok) {
      const s = specs.find((x) => `params.${x.name}` === check.field) ?? specs[0];
      return setMessage(tf('badParam', { name: ruleParamLabel(s.name, lang), min: s.min / scale(s), max: s.max / scale(s) }));
    }
    if (!reason.trim()) return setMessage(t('needReason'));
    save.mutate();
  };

  return (
    <tr data-testid={`warning-rule-${rule.code}`}>
      <th scope="row">{warningKindLabel(rule.kind, lang)}<br /><span className="muted">{rule.code}</span></th>
      <td><input type="checkbox" checked={enabled} onChange={(e) => setEnabled(e.target.checked)} aria-label={t('enabled')} /></td>
      <td>
        <select value={severity} onChange={(e) => setSeverity(e.target.value as Severity)} aria-label={t('colSeverity')}>
          {SEVERITIES.map((s) => <option key={s} value={s}>{severityLabel(s, lang)}</option>)}
        </select>
      </td>
      <td>
        {specs.map((s) => (
          <label key={s.name} className="warning-param">{ruleParamLabel(s.name, lang)}{' '}
            <input type="number" step="any" min={s.min / scale(s)} max={s.max / scale(s)} value={values[s.name]} onChange={(e) => setValues({ ...values, [s.name]: e.target.value })} />
          </label>
        ))}
      </td>
      <td><input type="text" value={reason} onChange={(e) => setReason(e.target.value)} aria-label={t('reason')} maxLength={2000} /></td>
      <td>
        <button type="button" disabled={save.isPending} onClick={submit}>{t('warningsSave')}</button>
        {message && <span className="muted" role="status"> {message}</span>}
      </td>
    </tr>
  );
}

export function WarningRulesEditor() {
  const { t, lang } = useT();
  const rules = useQuery({ queryKey: warningKeys.rules, queryFn: ({ signal }) => fetchWarningRules(signal) });
  // A rule of a kind this app does not know yet (a newer server) is left out, not broken.
  const known = (rules.data ?? []).filter((r) => isWarningKind(r.kind));
  return (
    <div className="warning-rules" data-testid="warning-rules-editor">
      <h3>{t('warningsEditorTitle')}</h3>
      <p className="muted">{t('editorNote')}</p>
      {rules.error ? <p className="form-error" role="alert">{errorText(rules.error, lang)}</p> : !rules.data ? <p role="status" className="muted">{t('warningsLoading')}</p> : (
        <div className="table-wrap">
          <table className="dash-table warning-rules-table">
            <thead>
              <tr>{(['colRule', 'enabled', 'colSeverity', 'colThreshold', 'reason'] as const).map((k) => <th key={k} scope="col">{t(k)}</th>)}<th /></tr>
            </thead>
            <tbody>{known.map((r) => <RuleRow key={r.id} rule={r} />)}</tbody>
          </table>
        </div>
      )}
    </div>
  );
}
