// The classification standard's suggestion for one park in its panel: the suggested category, the
// rule and its reasons in words, and a flag when the park's current category contradicts it.
import { useEffect, useRef } from 'react';
import type { RenovationCategory } from '../../domain/taxonomy.ts';
import { categoryLabel } from '../i18n/labels.ts';
import { reasonText } from '../i18n/messages-standard.ts';
import { errorText } from '../i18n/error-text.ts';
import { queryClient } from '../api/query-client.ts';
import { useParkSuggestion } from '../hooks/useStandard.ts';
import { useT } from '../i18n/use-t.ts';
import { standardKeys } from '../queries/standard.ts';

export function ParkStandard({ parkId, category }: { parkId: number; category: RenovationCategory }) {
  const { t, tf, lang } = useT();
  const q = useParkSuggestion(parkId, category);
  const s = q.data?.item ?? null;
  // An edit of the park's category changes which parks contradict the standard: the map asks again.
  const first = useRef(category);
  useEffect(() => {
    if (category !== first.current) void queryClient.invalidateQueries({ queryKey: standardKeys.contradictionsAll });
  }, [category]);
  return (
    <section className="park-standard" data-testid="park-standard" aria-labelledby={`park-standard-${parkId}`}>
      <h3 id={`park-standard-${parkId}`}>
        {t('suggestionTitle')}
        {q.data?.version && <span className="muted"> · {tf('suggestionVersion', { version: q.data.version.version })}</span>}
      </h3>
      {q.isPending ? <p role="status">{t('suggestionLoading')}</p>
        : q.error ? <p className="form-error" role="alert">{t('suggestionError')}{errorText(q.error, lang)}</p>
          : !s || s.suggested === null ? <p data-testid="standard-suggestion">{t('suggestionNone')}</p>
            : (
              <>
                <p className="standard-suggestion" data-testid="standard-suggestion" data-suggested={s.suggested}>
                  <strong className={`category-chip category-${s.suggested}`}>{categoryLabel(s.suggested, lang)}</strong>
                  {' '}
                  {s.contradicts
                    ? <span className="standard-flag" role="status" data-testid="standard-contradiction">⚠ {tf('contradicts', { current: categoryLabel(s.category, lang), suggested: categoryLabel(s.suggested, lang) })}</span>
                    : <span className="muted">{s.category === 'unclassified' ? t('unclassifiedHint') : t('agrees')}</span>}
                </p>
                <p className="muted">{tf('suggestionRule', { rule: s.rule ?? '' })}</p>
                <ul className="standard-reasons" data-testid="standard-reasons">
                  {s.reasons.map((r, i) => <li key={i} data-code={r.code}>{reasonText(r, lang)}</li>)}
                </ul>
              </>
            )}
    </section>
  );
}
