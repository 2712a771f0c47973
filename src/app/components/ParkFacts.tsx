// The read-only facts of a village park: location, size, efficiency and current status.
import { taxonomy } from '../../domain/taxonomy.ts';
import type { ParkFeature } from '../api/types.ts';
import { formatNumber } from '../i18n/format.ts';
import { categoryLabel, districtLabel, pilotLabel, progressLabel } from '../i18n/labels.ts';
import { ParkEfficiency } from './ParkEfficiency.tsx';
import { useT } from '../i18n/use-t.ts';

const swatch = (code: string) => taxonomy.renovationCategories.find((c) => c.code === code)?.color ?? '#999';

export function ParkFacts({ park }: { park: ParkFeature }) {
  const { t, lang } = useT();
  const p = park.properties;
  const rows: [string, string, string?][] = [
    [t('code'), p.code],
    [t('village'), p.village],
    [t('town'), p.townName],
    [t('district'), districtLabel(p.district, lang)],
    [t('area'), `${formatNumber(p.areaMu, lang, 1)} ${t('mu')}`],
    [t('buildingArea'), `${formatNumber(p.buildingAreaM2, lang)} m²`],
  ];
  rows.push(
    [t('category'), categoryLabel(p.category, lang), 'category'],
    [t('progress'), progressLabel(p.progress, lang), 'progress'],
    [t('pilotYear'), pilotLabel(p.pilotYear, lang), 'pilotYear'],
    [t('statusDate'), p.statusDate],
    [t('version'), String(p.version), 'version'],
  );
  return (
    <>
      <dl className="facts">
        {rows.map(([k, v, testId]) => (
          <div key={k}>
            <dt>{k}</dt>
            <dd data-testid={testId ? `park-${testId}` : undefined}>
              {testId === 'category' && <span className="swatch park" style={{ background: swatch(p.category) }} aria-hidden="true" />}
              {v}
            </dd>
          </div>
        ))}
      </dl>
      {/* Computed from the park's enterprises; the static figures only as the baseline where none reported. */}
      <ParkEfficiency by="villagePark" parkId={park.id} baseline={{ outputPerMu: p.outputPerMu, taxPerMu: p.taxPerMu }} />
      {p.demo && <p className="demo-notice" role="note">{t('demoNotice')}</p>}
    </>
  );
}
