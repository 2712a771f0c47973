// Time on the map: village parks now, as they stood on a date, or the parks whose status changed
// between two dates (with counts). The choice lives in the store and the permalink (`t=`).
import { useState } from 'react';
import { formatNumber, todayInChina } from '../i18n/format.ts';
import { useAppStore } from '../state/store.ts';
import type { TimeView } from '../state/types.ts';
import { errorText } from '../i18n/error-text.ts';
import { useParkTime } from '../hooks/useParkTime.ts';
import { useT } from '../i18n/use-t.ts';

/** The earliest date of the renovation records (the plan starts in 2019). */
const FIRST_DATE = '2019-01-01';
type Mode = 'now' | TimeView['kind'];

export function TimeControl() {
  const { t, tf, lang } = useT();
  const time = useAppStore((s) => s.time);
  const setTime = useAppStore((s) => s.setTime);
  const { counts, pending, error } = useParkTime();
  const [orderError, setOrderError] = useState(false);
  const setRange = (from: string, to: string) => {
    setOrderError(from >= to);
    if (from < to) setTime({ kind: 'changes', from, to });
  };
  const today = todayInChina();
  const mode: Mode = time?.kind ?? 'now';
  const pick = (m: Mode) => {
    setOrderError(false);
    if (m === 'now') setTime(null);
    else if (m === 'asOf') setTime({ kind: 'asOf', date: time?.kind === 'changes' ? time.to : `${Number(today.slice(0, 4)) - 1}-12-31` });
    else setTime({ kind: 'changes', from: time?.kind === 'asOf' ? time.date : `${Number(today.slice(0, 4)) - 1}-01-01`, to: today });
  };
  const date = (value: string, onChange: (v: string) => void, label: string, testId: string) => (
    <label>{label}{' '}
      <input type="date" value={value} min={FIRST_DATE} max={today} required data-testid={testId}
        onChange={(e) => e.target.value && onChange(e.target.value)} />
    </label>
  );
  const n = (v: number) => formatNumber(v, lang);
  return (
    <fieldset className="time-control" data-testid="time-control">
      <legend>{t('timeTitle')}</legend>
      <div className="time-modes">
        {(['now', 'asOf', 'changes'] as const).map((m) => (
          <label key={m}>
            <input type="radio" name="time-mode" value={m} checked={mode === m} onChange={() => pick(m)} />{' '}
            {t(m === 'now' ? 'timeNow' : m === 'asOf' ? 'timeAsOf' : 'timeChanges')}
          </label>
        ))}
      </div>
      {time?.kind === 'asOf' && (
        <div className="time-dates">{date(time.date, (d) => setTime({ kind: 'asOf', date: d }), t('timeDate'), 'time-date')}</div>
      )}
      {time?.kind === 'changes' && (
        <div className="time-dates">
          {date(time.from, (d) => setRange(d, time.to), t('timeFrom'), 'time-from')}
          {date(time.to, (d) => setRange(time.from, d), t('timeTo'), 'time-to')}
          {orderError && <p className="form-error" role="alert">{t('timeOrderError')}</p>}
        </div>
      )}
      {time && (
        <p className="hint" role="status" data-testid="time-status">
          {error ? <span className="form-error">{t('timeError')}{errorText(error, lang)}</span>
            : pending ? t('timeLoading')
              : time.kind === 'asOf' ? tf('timeShowingAsOf', { date: time.date })
                : counts ? tf('timeChangesCount', { from: time.from, to: time.to, changed: counts.changed, category: n(counts.category), progress: n(counts.progress), pilots: n(counts.newPilots) })
                  : null}
        </p>
      )}
    </fieldset>
  );
}
