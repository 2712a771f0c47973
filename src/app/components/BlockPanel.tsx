// The panel of an industrial block (工业产业区块, plan §三(三)): its facts, the report of its
// enterprises for a year (from the indicator engine with the block as the area, suppressed for viewers
// and the public as every statistic), output per mu of the block's land, the parks inside, and
// "filter by this block", which makes the block the map's area (statistics, exports, indicators).
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import type { Lang } from '../../domain/taxonomy.ts';
import { fetchBlockReport, type BlockFigure, type BlockLevel } from '../api/endpoints-blocks.ts';
import { formatNumber } from '../i18n/format.ts';
import { formatPercent } from '../i18n/indicator-format.ts';
import { districtLabel, valueParkName } from '../i18n/labels.ts';
import { t, tf, type MessageKey } from '../i18n/messages.ts';
import { useAppStore } from '../state/store.ts';
import { DEFAULT_DASHBOARD, encodeDashboard } from '../state/dashboard-url.ts';
import { errorText } from '../i18n/error-text.ts';
import { PanelFrame } from './PanelFrame.tsx';
import { ParkLink } from './ParkLink.tsx';
import { useT } from '../i18n/use-t.ts';
import { blockKeys } from '../queries/blocks.ts';
import { useViewer } from '../queries/viewer.ts';

const LEVEL_KEYS: Record<BlockLevel, MessageKey> = { first: 'blockLevelFirst', second: 'blockLevelSecond' };
export const blockLevelLabel = (level: BlockLevel | null, lang: Lang) => t(level ? LEVEL_KEYS[level] : 'blockLevelNone', lang);

/** Yuan as 亿元 with two decimals. */
const yi = (v: number, lang: Lang) => tf('blockYi', lang, { v: formatNumber(v / 1e8, lang, 2) });

function Figure({ label, figure, format, testId }: { label: string; figure: BlockFigure; format: (v: number) => string; testId: string }) {
  const { t, tf, lang } = useT();
  return (
    <div data-testid={testId} data-suppressed={figure.suppressed}>
      <dt>{label}</dt>
      <dd>
        {figure.suppressed ? <span className="muted">{t('blockSuppressed')}</span> : figure.value === null ? '—' : format(figure.value)}
        {!figure.suppressed && figure.change !== null && (
          <span className="muted"> · {tf('blockChange', { change: `${figure.change > 0 ? '+' : ''}${formatPercent(figure.change, lang)}` })}</span>
        )}
      </dd>
    </div>
  );
}

export function BlockPanel({ id }: { id: number }) {
  const { t, tf, lang } = useT();
  const area = useAppStore((s) => s.area);
  const filter = useAppStore((s) => s.filter);
  const setArea = useAppStore((s) => s.setArea);
  const viewer = useViewer();
  const [year, setYear] = useState<number | null>(null);
  // The answer depends on the role (suppression), so the user is in the key; it waits for the session.
  const q = useQuery({
    queryKey: blockKeys.report(viewer ?? '', id, year, lang),
    queryFn: ({ signal }) => fetchBlockReport(id, year, lang, signal),
    enabled: viewer !== null,
  });
  const r = q.data?.block.id === id ? q.data : null;
  const isArea = area?.kind === 'block' && area.id === id;
  // The years offered: the last complete year of the data (its December is in) and the three before.
  const through = r?.dataThrough ? Number(r.dataThrough.slice(0, 4)) - (r.dataThrough.endsWith('-12') ? 0 : 1) : null;
  const yearChoices = through ? [through, through - 1, through - 2, through - 3] : [];

  return (
    <PanelFrame kicker={t('blockPanel')} title={r ? r.block.name : '…'} titleId="block-title" testId="block-panel" focusKey={r ? id : null}>
      {q.error ? (
        <p className="form-error" role="alert">{t('blockLoadError')}{errorText(q.error, lang)}</p>
      ) : !r ? (
        <p role="status">{t('blockLoading')}</p>
      ) : (
        <>
          <dl className="facts">
            <div><dt>{t('blockCode')}</dt><dd>{r.block.code}</dd></div>
            <div><dt>{t('blockLevel')}</dt><dd>{blockLevelLabel(r.block.level, lang)}</dd></div>
            <div><dt>{t('district')}</dt><dd>{r.block.district ? districtLabel(r.block.district, lang) : '—'}</dd></div>
            <div><dt>{t('blockArea')}</dt><dd data-testid="block-area">{tf('blockAreaValue', { mu: formatNumber(r.block.areaMu, lang, 0) })}</dd></div>
            <div><dt>{t('blockEnterprises')}</dt><dd data-testid="block-enterprises">{tf('blockEnterprisesValue', { n: formatNumber(r.enterprises, lang) })}</dd></div>
          </dl>
          <div className="buttons">
            <button type="button" data-testid="block-use-area" disabled={isArea} aria-pressed={isArea} onClick={() => setArea({ kind: 'block', id })}>
              {t(isArea ? 'blockIsArea' : 'blockUseAsArea')}
            </button>
            <a href={`/dashboard${encodeDashboard({ ...DEFAULT_DASHBOARD, filter, area: { kind: 'block', id }, lang })}`} data-testid="block-dashboard-link">{t('blockStatsLink')} →</a>
          </div>
          {r.year === null ? (
            <p className="muted">{t('blockNoFigures')}</p>
          ) : (
            <section aria-labelledby="block-figures-title" data-testid="block-figures">
              <h3 id="block-figures-title">
                {tf('blockFiguresTitle', { year: r.year })}{' '}
                <label className="sr-only" htmlFor="block-year">{t('blockYear')}</label>
                <select id="block-year" value={r.year} onChange={(e) => setYear(Number(e.target.value))} data-testid="block-year">
                  {[...new Set([r.year, ...yearChoices])].sort((a, b) => b - a).map((y) => <option key={y} value={y}>{tf('blockYearValue', { year: y })}</option>)}
                </select>
              </h3>
              <dl className="facts">
                <Figure label={t('blockReporting')} figure={r.figures.reporting} format={(v) => tf('blockEnterprisesValue', { n: formatNumber(v, lang) })} testId="block-reporting" />
                <Figure label={t('blockOutput')} figure={r.figures.output} format={(v) => yi(v, lang)} testId="block-output" />
                <Figure label={t('blockRevenue')} figure={r.figures.revenue} format={(v) => yi(v, lang)} testId="block-revenue" />
                <Figure label={t('blockTax')} figure={r.figures.tax} format={(v) => yi(v, lang)} testId="block-tax" />
                <div data-testid="block-output-per-mu" data-suppressed={r.outputPerMuSuppressed}>
                  <dt>{t('blockOutputPerMu')}</dt>
                  <dd>{r.outputPerMuSuppressed ? <span className="muted">{t('blockSuppressed')}</span>
                    : r.outputPerMu === null ? '—' : tf('blockWanPerMu', { v: formatNumber(r.outputPerMu / 1e4, lang, 1) })}</dd>
                </div>
              </dl>
              <p className="hint">{t('blockFiguresNote')}</p>
            </section>
          )}
          <h3>{tf('blockVillageParks', { n: r.villageParks.length })}</h3>
          {r.villageParks.length > 0 && (
            <ul className="member-list" data-testid="block-village-parks">
              {r.villageParks.map((p) => (
                <li key={p.id}>
                  <ParkLink kind="park" id={p.id} />
                  {p.shareInside < 0.995 && <span className="muted"> · {tf('blockShareInside', { share: formatPercent(p.shareInside, lang, 0) })}</span>}
                </li>
              ))}
            </ul>
          )}
          <h3>{tf('blockValueParks', { n: r.valueParks.length })}</h3>
          {r.valueParks.length > 0 && (
            <ul className="member-list" data-testid="block-value-parks">
              {r.valueParks.map((v) => (
                <li key={v.id}>
                  <button type="button" className="link" onClick={() => useAppStore.getState().select({ kind: 'valuePark', id: v.id })}>{valueParkName(v, lang)}</button>
                  {v.shareInside < 0.995 && <span className="muted"> · {tf('blockShareInside', { share: formatPercent(v.shareInside, lang, 0) })}</span>}
                </li>
              ))}
            </ul>
          )}
          {r.block.demo && <p className="demo-notice" role="note" data-testid="block-demo-note">{t('blockDemoNote')}</p>}
        </>
      )}
    </PanelFrame>
  );
}
