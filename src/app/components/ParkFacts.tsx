// The read-only facts of a village park: location, size, efficiency and current status.
import { label, taxonomy, type Lang } from '../../domain/taxonomy.ts';
import type { ParkFeature } from '../api/types.ts';
import { categoryLabel, districtLabel, formatNumber, pilotLabel, progressLabel } from '../i18n/format.ts';
import { t } from '../i18n/messages.ts';

const indicator = (code: 'outputPerMu' | 'taxPerMu', lang: Lang) => {
  const e = taxonomy.efficiencyIndicators.find((x) => x.code === code);
  return e ? label(e, lang) : code;
};

const swatch = (code: string) => taxonomy.renovationCategories.find((c) => c.code === code)?.color ?? '#999';

export function ParkFacts({ park, lang }: { park: ParkFeature; lang: Lang }) {
  const p = park.properties;
  const rows: [string, string, string?][] = [
    [t('code', lang), p.code],
    [t('village', lang), p.village],
    [t('town', lang), p.townName],
    [t('district', lang), districtLabel(p.district, lang)],
    [t('area', lang), `${formatNumber(p.areaMu, lang, 1)} ${t('mu', lang)}`],
    [t('buildingArea', lang), `${formatNumber(p.buildingAreaM2, lang)} m²`],
    [indicator('outputPerMu', lang), `${formatNumber(p.outputPerMu, lang)} ${t('yuanPerMu', lang)}`],
  ];
  if (p.taxPerMu !== undefined && p.taxPerMu !== null) rows.push([indicator('taxPerMu', lang), `${formatNumber(p.taxPerMu, lang)} ${t('yuanPerMu', lang)}`]);
  rows.push(
    [t('category', lang), categoryLabel(p.category, lang), 'category'],
    [t('progress', lang), progressLabel(p.progress, lang), 'progress'],
    [t('pilotYear', lang), pilotLabel(p.pilotYear, lang), 'pilotYear'],
    [t('statusDate', lang), p.statusDate],
    [t('version', lang), String(p.version), 'version'],
  );
  return (
    <>
      <dl className="facts">
        {rows.map(([k, v, testId]) => (
          <div key={k}>
            <dt>{k}</dt>
            <dd data-testid={testId ? `park-${testId}` : undefined}>
              {testId === 'category' && <span className="swatch" style={{ background: swatch(p.category) }} aria-hidden="true" />}
              {v}
            </dd>
          </div>
        ))}
      </dl>
      {p.demo && <p className="demo-notice" role="note">{t('demoNotice', lang)}</p>}
    </>
  );
}
