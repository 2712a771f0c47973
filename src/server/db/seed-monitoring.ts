// Seeds the monitoring reference tables from seeds/: the GB/T 4754 classes with the plan's mapping,
// the plan's targets, the default early-warning rules and the published key-city figures. Real data (not demo): they are the
// standard and the plan. Idempotent: the server runs it at every start, so a database created before
// these tables gets them too; classes are refreshed from the seeds, targets, rules and city figures only added
// where none exist (administrators edit them).
import { industryTable } from '../../domain/monitoring/industry-classes.ts';
import targets from '../../../seeds/targets.json' with { type: 'json' };
import type { Queryable } from './database.ts';
import { seedWarningRules } from '../monitoring/warning-rules.ts';
import { seedCityIndicators } from '../monitoring/city-indicators.ts';
import { seedDefaultStandard } from '../parks/standard-queries.ts';

export async function seedMonitoringTables(tx: Queryable): Promise<void> {
  await tx.query(`INSERT INTO industry_divisions (code, label, va_rate) SELECT d->>'code', d->'label', (d->>'vaRate')::float8 FROM jsonb_array_elements($1::jsonb) d
    ON CONFLICT (code) DO UPDATE SET label = EXCLUDED.label, va_rate = EXCLUDED.va_rate`,
    [JSON.stringify(industryTable.divisions)]);
  await tx.query(`INSERT INTO industry_classes (code, division, name, cluster, sub_industry, cluster_share, advanced, high_tech, note)
    SELECT c->>'code', c->>'division', c->>'name', c->>'cluster', c->>'subIndustry', (c->>'clusterShare')::float8, (c->>'advanced')::boolean,
      (c->>'highTech')::boolean, c->>'note' FROM jsonb_array_elements($1::jsonb) c
    ON CONFLICT (code) DO UPDATE SET division = EXCLUDED.division, name = EXCLUDED.name, cluster = EXCLUDED.cluster, sub_industry = EXCLUDED.sub_industry,
      cluster_share = EXCLUDED.cluster_share, advanced = EXCLUDED.advanced, high_tech = EXCLUDED.high_tech, note = EXCLUDED.note`, [JSON.stringify(industryTable.classes)]);
  await tx.query(`INSERT INTO target_plans (code, label, source, start_year, end_year)
    SELECT p->>'code', p->'label', p->>'source', (p->>'startYear')::int, (p->>'endYear')::int FROM jsonb_array_elements($1::jsonb) p
    ON CONFLICT (code) DO NOTHING`, [JSON.stringify(targets.plans)]);
  await seedWarningRules(tx);
  await seedCityIndicators(tx);
  // Version 1 of the classification standard into an empty table (our judgement; renovation-standard.ts).
  await seedDefaultStandard(tx);
  if ((await tx.query('SELECT 1 FROM targets LIMIT 1')).length) return;
  await tx.query(`INSERT INTO targets (plan, metric, scope, key, year, value, note)
    SELECT t->>'plan', t->>'metric', t->>'scope', t->>'key', (t->>'year')::int, (t->>'value')::float8, t->>'note' FROM jsonb_array_elements($1::jsonb) t`, [JSON.stringify(targets.targets)]);
  await tx.query(`INSERT INTO target_history (target_id, version, username, reason, from_value, to_value)
    SELECT id, 1, 'system', '行动计划目标（seeds/targets.json）', NULL, value FROM targets`);
}
