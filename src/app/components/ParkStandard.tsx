// The classification standard's suggestion for one park in its panel: the suggested category, the
// rule and its reasons in words, and a flag when the park's current category contradicts it.
import { useEffect, useRef } from 'react';
import type { Lang, RenovationCategory } from '../../domain/taxonomy.ts';
import { categoryLabel } from '../i18n/format.ts';
import { reasonText, stt, sttf } from '../i18n/messages-standard.ts';
import { errorText } from './error-text.ts';
import { queryClient } from '../api/query-client.ts';
import { useParkSuggestion } from './useStandard.ts';

export function ParkStandard({ parkId, category, lang }: { parkId: number; category: RenovationCategory; lang: Lang }) {
  const q = useParkSuggestion(parkId, category);
  const s = q.data?.item ?? null;
  // An edit of the park's category changes which parks contradict the standard: the map asks again.
  const first = useRef(category);
  useEffect(() => {
    if (category !== first.current) void queryClient.invalidateQueries({ queryKey: ['standard', 'contradictions'] });
  }, [category]);
  return (
    <section className="park-standard" data-testid="park-standard" aria-labelledby={`park-standard-${parkId}`}>
      <h3 id={`park-standard-${parkId}`}>
        {stt('suggestionTitle', lang)}
        {q.data?.version && <span className="muted"> · {sttf('suggestionVersion', lang, { version: q.data.version.version })}</span>}
      </h3>
      {q.isPending ? <p role="status">{stt('suggestionLoading', lang)}</p>
        : q.error ? <p className="form-error" role="alert">{stt('suggestionError', lang)}{errorText(q.error, lang)}</p>
          : !s || s.suggested === null ? <p data-testid="standard-suggestion">{stt('suggestionNone', lang)}</p>
            : (
              <>
                <p className="standard-suggestion" data-testid="standard-suggestion" data-suggested={s.suggested}>
                  <strong className={`category-chip category-${s.suggested}`}>{categoryLabel(s.suggested, lang)}</strong>
                  {' '}
                  {s.contradicts
                    ? <span className="standard-flag" role="status" data-testid="standard-contradiction">⚠ {sttf('contradicts', lang, { current: categoryLabel(s.category, lang), suggested: categoryLabel(s.suggested, lang) })}</span>
                    : <span className="muted">{s.category === 'unclassified' ? stt('unclassifiedHint', lang) : stt('agrees', lang)}</span>}
                </p>
                <p className="muted">{sttf('suggestionRule', lang, { rule: s.rule ?? '' })}</p>
                <ul className="standard-reasons" data-testid="standard-reasons">
                  {s.reasons.map((r, i) => <li key={i} data-code={r.code}>{reasonText(r, lang)}</li>)}
                </ul>
              </>
            )}
    </section>
  );
}
