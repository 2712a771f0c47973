// The read-only facts of a village park: location, size, efficiency and current status.
import { taxonomy, type Lang } from '../../domain/taxonomy.ts';
import type { ParkFeature } from '../api/types.ts';
import { categoryLabel, districtLabel, formatNumber, pilotLabel, progressLabel } from '../i18n/format.ts';
import { t } from '../i18n/messages.ts';
import { ParkEfficiency } from './ParkEfficiency.tsx';

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
  ];
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
      {/* Computed from the park's enterprises; the static figures only as the baseline where none reported. */}
      <ParkEfficiency by="villagePark" parkId={park.id} baseline={{ outputPerMu: p.outputPerMu, taxPerMu: p.taxPerMu }} lang={lang} />
      {p.demo && <p className="demo-notice" role="note">{t('demoNotice', lang)}</p>}
    </>
  );
}
