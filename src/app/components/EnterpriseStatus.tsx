// Messages over the map about the enterprise layer: a progress bar when loading takes more than a
// second, a plain-words error with a retry button, and the empty-result notice.
import { useEffect, useState } from 'react';
import { useEnterpriseStore } from '../state/enterprise-store.ts';
import { useAppStore } from '../state/store.ts';
import { useT } from '../i18n/use-t.ts';

const SHOW_AFTER_MS = 1000;

export function EnterpriseStatus() {
  const { t } = useT();
  const visible = useAppStore((s) => s.layers.enterprises);
  const status = useEnterpriseStore((s) => s.status);
  const counts = useEnterpriseStore((s) => s.counts);
  const error = useEnterpriseStore((s) => s.error);
  const reload = useEnterpriseStore((s) => s.reload);
  const [slow, setSlow] = useState(false);

  useEffect(() => {
    if (status !== 'loading') return setSlow(false);
    const timer = setTimeout(() => setSlow(true), SHOW_AFTER_MS);
    return () => clearTimeout(timer);
  }, [status]);

  if (status === 'loading' && slow)
    return (
      <div className="overlay loading-bar" role="status" data-testid="enterprises-loading">
        {t('loadingEnterprises')}
        <div className="bar" aria-hidden="true"><span /></div>
      </div>
    );
  if (status === 'error')
    return (
      <div className="overlay error" role="alert" data-testid="enterprises-error">
        {t('enterprisesError')}{error ? ` ${error}` : ''} <button type="button" onClick={reload}>{t('retry')}</button>
      </div>
    );
  if (status === 'ready' && visible && counts?.matched === 0)
    return <div className="overlay" role="status" data-testid="map-no-match">{t('noMatch')}</div>;
  return null;
}
