// Schema migrations, applied in order, each once, in a transaction. Same SQL on PGlite and PostgreSQL.
import type { Database } from './database.ts';
import { DEMO_KEY_PROJECTS_SQL, KEY_PROJECTS_TABLE_SQL } from '../projects/demo-key-projects.ts';
import { DEMO_BLOCKS_SQL } from '../blocks/demo-blocks.ts';
import { GRID_SQL, REBUILD_FIRM_POINTS_SQL } from '../monitoring/grid-squares.ts';

export const MIGRATIONS: { id: number; name: string; sql: string }[] = [
  {
    id: 1,
    name: 'initial schema',
    sql: `
CREATE EXTENSION IF NOT EXISTS postgis;

CREATE TABLE districts (
  code text PRIMARY KEY,
  name text NOT NULL,
  geom geometry(MultiPolygon, 4326) NOT NULL
);
CREATE INDEX districts_geom ON districts USING gist (geom);

CREATE TABLE towns (
  code text PRIMARY KEY,
  name text NOT NULL,
  district text NOT NULL REFERENCES districts(code)
);

CREATE TABLE users (
  id serial PRIMARY KEY,
  username text NOT NULL UNIQUE,
  password_hash text NOT NULL,
  role text NOT NULL CHECK (role IN ('admin', 'official', 'planner', 'viewer')),
  district text REFERENCES districts(code),
  disabled boolean NOT NULL DEFAULT false,
  created_at timestamptz NOT NULL DEFAULT now(),
  CHECK ((role = 'official') = (district IS NOT NULL))
);

CREATE TABLE sessions (
  token_hash text PRIMARY KEY,
  user_id integer NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  csrf_token text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  expires_at timestamptz NOT NULL
);

CREATE TABLE login_failures (
  id bigserial PRIMARY KEY,
  username text NOT NULL,
  ip text NOT NULL,
  at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX login_failures_username ON login_failures (username, at);

CREATE TABLE village_parks (
  id integer PRIMARY KEY,
  code text NOT NULL UNIQUE,
  name text NOT NULL,
  district text NOT NULL REFERENCES districts(code),
  town text NOT NULL,
  town_name text NOT NULL,
  village text NOT NULL,
  village_code text NOT NULL,
  area_mu double precision NOT NULL,
  building_area_m2 double precision NOT NULL,
  output_per_mu double precision NOT NULL,
  tax_per_mu double precision NOT NULL,
  category text NOT NULL CHECK (category IN ('unclassified', 'eliminate', 'convert', 'upgrade')),
  progress text NOT NULL CHECK (progress IN ('not_started', 'in_progress', 'completed')),
  pilot_year integer,
  status_date date NOT NULL,
  version integer NOT NULL DEFAULT 1,
  updated_at timestamptz NOT NULL DEFAULT now(),
  demo boolean NOT NULL DEFAULT false,
  geom geometry(Polygon, 4326) NOT NULL
);
CREATE INDEX village_parks_geom ON village_parks USING gist (geom);
CREATE INDEX village_parks_district ON village_parks (district);

CREATE TABLE park_status_history (
  id bigserial PRIMARY KEY,
  park_id integer NOT NULL REFERENCES village_parks(id),
  version integer NOT NULL,
  changed_at timestamptz NOT NULL DEFAULT now(),
  user_id integer REFERENCES users(id),
  username text NOT NULL,
  source text NOT NULL CHECK (source IN ('seed', 'edit', 'bulk', 'import')),
  effective_date date NOT NULL,
  reason text NOT NULL,
  from_category text, to_category text NOT NULL,
  from_progress text, to_progress text NOT NULL,
  from_pilot_year integer, to_pilot_year integer,
  UNIQUE (park_id, version)
);
CREATE INDEX park_status_history_effective ON park_status_history (park_id, effective_date, version);

CREATE TABLE value_parks (
  id integer PRIMARY KEY,
  code text NOT NULL UNIQUE,
  name text NOT NULL,
  name_zh_hant text NOT NULL,
  name_en text NOT NULL,
  district text NOT NULL REFERENCES districts(code),
  theme text NOT NULL,
  area_km2 double precision NOT NULL,
  elements jsonb NOT NULL,
  version integer NOT NULL DEFAULT 1,
  updated_at timestamptz NOT NULL DEFAULT now(),
  demo boolean NOT NULL DEFAULT false,
  geom geometry(Polygon, 4326) NOT NULL
);
CREATE INDEX value_parks_geom ON value_parks USING gist (geom);

CREATE TABLE value_park_history (
  id bigserial PRIMARY KEY,
  park_id integer NOT NULL REFERENCES value_parks(id),
  version integer NOT NULL,
  changed_at timestamptz NOT NULL DEFAULT now(),
  user_id integer REFERENCES users(id),
  username text NOT NULL,
  effective_date date NOT NULL,
  reason text NOT NULL,
  before jsonb NOT NULL,
  after jsonb NOT NULL,
  UNIQUE (park_id, version)
);

CREATE TABLE enterprises (
  id integer PRIMARY KEY,
  name text NOT NULL,
  credit_code text NOT NULL UNIQUE,
  cluster text NOT NULL,
  sub_industry text NOT NULL,
  future_industry text,
  tags text[] NOT NULL DEFAULT '{}',
  revenue bigint NOT NULL,
  employees integer NOT NULL,
  district text NOT NULL REFERENCES districts(code),
  town text NOT NULL,
  address text NOT NULL,
  village_park_id integer REFERENCES village_parks(id),
  value_park_id integer REFERENCES value_parks(id),
  demo boolean NOT NULL DEFAULT false,
  geom geometry(Point, 4326) NOT NULL
);
CREATE INDEX enterprises_geom ON enterprises USING gist (geom);
CREATE INDEX enterprises_district ON enterprises (district);

CREATE TABLE bulk_jobs (
  id text PRIMARY KEY,
  user_id integer NOT NULL REFERENCES users(id),
  created_at timestamptz NOT NULL DEFAULT now(),
  applied_at timestamptz,
  rows jsonb NOT NULL
);

CREATE TABLE dataset_meta (
  key text PRIMARY KEY,
  value jsonb NOT NULL
);
`,
  },
  {
    id: 2,
    name: 'export log',
    sql: `
CREATE TABLE export_log (
  id bigserial PRIMARY KEY,
  at timestamptz NOT NULL DEFAULT now(),
  user_id integer REFERENCES users(id),
  username text,
  role text NOT NULL,
  layer text NOT NULL,
  format text NOT NULL,
  filters jsonb NOT NULL,
  area geometry(Geometry, 4326),
  features integer NOT NULL
);
`,
  },
  {
    id: 3,
    name: 'imports, saved mappings, record history, town anchors',
    sql: `
-- One upload: its dry-run report, then (once applied) what it changed. The validated records wait in
-- import_records between the dry run and the apply, one row each, so 100,000 rows never form one
-- giant JSON value and a preview can be paged.
CREATE TABLE imports (
  id text PRIMARY KEY,
  kind text NOT NULL CHECK (kind IN ('enterprises', 'parks', 'districts')),
  file_name text NOT NULL,
  file_sha256 text NOT NULL,
  format text NOT NULL,
  encoding text,
  crs text NOT NULL,
  mapping jsonb NOT NULL DEFAULT '{}',
  user_id integer REFERENCES users(id),
  username text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  applied_at timestamptz,
  status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'applied', 'failed')),
  error text,
  report jsonb NOT NULL DEFAULT '[]',
  counts jsonb NOT NULL
);
CREATE INDEX imports_created ON imports (created_at DESC);

CREATE TABLE import_records (
  import_id text NOT NULL REFERENCES imports(id) ON DELETE CASCADE,
  row_no integer NOT NULL,
  key text NOT NULL,
  record jsonb NOT NULL,
  PRIMARY KEY (import_id, row_no)
);

CREATE TABLE import_mappings (
  id serial PRIMARY KEY,
  name text NOT NULL,
  kind text NOT NULL CHECK (kind IN ('enterprises', 'parks', 'districts')),
  mapping jsonb NOT NULL,
  created_by text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (kind, name)
);

-- Field-level history of imported records, all kinds in one table: changes is {field: [before, after]}
-- (before is null for an added record).
CREATE TABLE record_history (
  id bigserial PRIMARY KEY,
  kind text NOT NULL CHECK (kind IN ('enterprises', 'parks', 'districts')),
  record_key text NOT NULL,
  record_id integer,
  import_id text REFERENCES imports(id),
  changed_at timestamptz NOT NULL DEFAULT now(),
  user_id integer REFERENCES users(id),
  username text NOT NULL,
  action text NOT NULL CHECK (action IN ('added', 'updated')),
  changes jsonb NOT NULL
);
CREATE INDEX record_history_key ON record_history (kind, record_key, id);
CREATE INDEX record_history_import ON record_history (import_id);

-- The point each town's synthetic area grows from (the demo partition splits a district among its
-- towns by nearest anchor); null where unknown, and imports then fall back (apply-sql.ts).
ALTER TABLE towns ADD COLUMN anchor geometry(Point, 4326);

ALTER TABLE enterprises ADD COLUMN updated_at timestamptz NOT NULL DEFAULT now(), ADD COLUMN import_id text REFERENCES imports(id);
ALTER TABLE village_parks ADD COLUMN import_id text REFERENCES imports(id);
ALTER TABLE districts ADD COLUMN updated_at timestamptz NOT NULL DEFAULT now(), ADD COLUMN import_id text REFERENCES imports(id);
`,
  },
  {
    id: 4,
    name: 'monitoring: industry classes, operating figures with vintages, targets, indicator rollups',
    sql: `
-- GB/T 4754-2017 manufacturing classes and the plan's reading of them (seeds/industry-classes.json).
CREATE TABLE industry_divisions (
  code text PRIMARY KEY,
  label jsonb NOT NULL,
  va_rate double precision NOT NULL
);
CREATE TABLE industry_classes (
  code text PRIMARY KEY,
  division text NOT NULL REFERENCES industry_divisions(code),
  name text NOT NULL,
  cluster text NOT NULL,
  sub_industry text NOT NULL,
  cluster_share double precision NOT NULL,
  advanced boolean NOT NULL,
  high_tech boolean NOT NULL,
  note text
);

ALTER TABLE enterprises ADD COLUMN industry_code text REFERENCES industry_classes(code);

-- Monthly operating figures (企业级动态运行数据), one row per enterprise and month as it stands now:
-- flows for the month alone (cumulative returns are turned into months on import), employees at the
-- month's end, value added flagged when estimated. vintage = which import (or the seed) set it, when.
-- No foreign keys (to enterprises, to imports): the seed and the importer resolve ids by join, neither
-- is ever deleted, and a check per row would dominate writing a month of returns for a million firms.
CREATE TABLE operating_figures (
  enterprise_id integer NOT NULL,
  month integer NOT NULL CHECK (month % 100 BETWEEN 1 AND 12),
  revenue bigint NOT NULL,
  output bigint NOT NULL,
  value_added bigint NOT NULL,
  value_added_estimated boolean NOT NULL DEFAULT false,
  profit bigint NOT NULL,
  tax bigint NOT NULL,
  employees integer NOT NULL,
  source text NOT NULL CHECK (source IN ('seed', 'import')),
  import_id text,
  recorded_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (enterprise_id, month)
);
CREATE INDEX operating_figures_month ON operating_figures (month);

-- Every superseded version: a revision moves the old row here, so "as reported on date D" is the
-- version recorded on or before D and not yet superseded then.
CREATE TABLE operating_figures_history (
  id bigserial PRIMARY KEY,
  enterprise_id integer NOT NULL,
  month integer NOT NULL,
  revenue bigint NOT NULL, output bigint NOT NULL, value_added bigint NOT NULL, value_added_estimated boolean NOT NULL,
  profit bigint NOT NULL, tax bigint NOT NULL, employees integer NOT NULL,
  source text NOT NULL, import_id text, recorded_at timestamptz NOT NULL,
  superseded_at timestamptz NOT NULL DEFAULT now(),
  superseded_by text REFERENCES imports(id)
);
CREATE INDEX operating_figures_history_key ON operating_figures_history (enterprise_id, month, superseded_at);

-- Targets as data (seeds/targets.json): editable by administrators, each change kept.
CREATE TABLE target_plans (
  code text PRIMARY KEY,
  label jsonb NOT NULL,
  source text NOT NULL,
  start_year integer NOT NULL,
  end_year integer NOT NULL
);
CREATE TABLE targets (
  id serial PRIMARY KEY,
  plan text NOT NULL REFERENCES target_plans(code),
  metric text NOT NULL,
  scope text NOT NULL CHECK (scope IN ('city', 'cluster', 'district')),
  key text NOT NULL DEFAULT '',
  year integer NOT NULL,
  value double precision NOT NULL CHECK (value >= 0),
  note text NOT NULL DEFAULT '',
  version integer NOT NULL DEFAULT 1,
  updated_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (plan, metric, scope, key, year)
);
CREATE TABLE target_history (
  id bigserial PRIMARY KEY,
  target_id integer NOT NULL REFERENCES targets(id),
  version integer NOT NULL,
  changed_at timestamptz NOT NULL DEFAULT now(),
  user_id integer REFERENCES users(id),
  username text NOT NULL,
  reason text NOT NULL,
  from_value double precision,
  to_value double precision NOT NULL,
  UNIQUE (target_id, version)
);

-- Indicator rollups, maintained on seed and on every import (src/server/monitoring/rollups.ts). A
-- cell is a combination of the attributes indicators group and filter by; every enterprise sits in
-- one. cell_figures holds the sums per cell for every month, quarter and year; cell_reporters counts
-- a cell's enterprises by the months of a year they reported in (a 12-bit mask), so the number of
-- enterprises behind any period's figure is exact without a distinct count over raw rows.
-- Cells come in four levels: 0 has every attribute and the enterprise's 0.01° grid square
-- (enterprises sit here), 1 drops the town and the square, 2 drops the town, square, tags and tier
-- (town '' and grid/tags_mask/tier -1 mean "any"), 3 is level 2 with the square again, for areas: the
-- squares an area covers are added up from level 3, only the squares on its edge test enterprises
-- one by one. A question is answered from the coarsest level that has what it filters or groups by.
CREATE TABLE indicator_cells (
  id serial PRIMARY KEY,
  level smallint NOT NULL DEFAULT 0 CHECK (level IN (0, 1, 2, 3)),
  parent1 integer REFERENCES indicator_cells(id),
  parent2 integer REFERENCES indicator_cells(id),
  parent3 integer REFERENCES indicator_cells(id),
  grid integer NOT NULL,
  cluster text NOT NULL,
  sub_industry text NOT NULL,
  division text NOT NULL,
  district text NOT NULL,
  town text NOT NULL,
  tags_mask integer NOT NULL,
  tier smallint NOT NULL,
  above_scale boolean NOT NULL,
  advanced boolean NOT NULL,
  high_tech boolean NOT NULL,
  demo boolean NOT NULL,
  UNIQUE (level, grid, cluster, sub_industry, division, district, town, tags_mask, tier, above_scale, advanced, high_tech, demo)
);
CREATE INDEX indicator_cells_grid ON indicator_cells (level, grid);
ALTER TABLE enterprises ADD COLUMN cell_id integer REFERENCES indicator_cells(id);
CREATE INDEX enterprises_cell ON enterprises (cell_id);
-- The 0.01° squares that hold enterprises (id = floor(lon·100)·100000 + floor(lat·100)), as polygons.
CREATE TABLE indicator_grid (
  grid integer PRIMARY KEY,
  geom geometry(Polygon, 4326) NOT NULL
);
CREATE INDEX indicator_grid_geom ON indicator_grid USING gist (geom);
-- Rollups are derived data rebuilt by one module: no foreign keys (a check per row would cost more
-- than the rollup itself on the embedded database).
-- Each row carries its cell's level, first in the key, so a question reads only the rows of the level
-- it is answered from (level 0 holds most rows).
CREATE TABLE cell_figures (
  level smallint NOT NULL,
  period text NOT NULL,
  cell_id integer NOT NULL,
  revenue bigint NOT NULL,
  output bigint NOT NULL,
  value_added bigint NOT NULL,
  profit bigint NOT NULL,
  tax bigint NOT NULL,
  employee_months bigint NOT NULL,
  PRIMARY KEY (level, period, cell_id)
);
CREATE TABLE cell_reporters (
  level smallint NOT NULL,
  cell_id integer NOT NULL,
  year integer NOT NULL,
  months_mask integer NOT NULL,
  enterprises integer NOT NULL,
  PRIMARY KEY (level, year, cell_id, months_mask)
);

-- The operating import kind joins the pipeline.
ALTER TABLE imports DROP CONSTRAINT imports_kind_check;
ALTER TABLE imports ADD CONSTRAINT imports_kind_check CHECK (kind IN ('enterprises', 'parks', 'districts', 'operating'));
ALTER TABLE import_mappings DROP CONSTRAINT import_mappings_kind_check;
ALTER TABLE import_mappings ADD CONSTRAINT import_mappings_kind_check CHECK (kind IN ('enterprises', 'parks', 'districts', 'operating'));
ALTER TABLE record_history DROP CONSTRAINT record_history_kind_check;
ALTER TABLE record_history ADD CONSTRAINT record_history_kind_check CHECK (kind IN ('enterprises', 'parks', 'districts', 'operating'));
`,
  },
  {
    id: 5,
    name: 'early warnings: rules as data with their history',
    sql: `
-- Early-warning rules (监测预警, seeds/warning-rules.json): administrators edit the parameters,
-- severity and whether a rule runs; the kinds and their parameters are in
-- src/domain/monitoring/warnings.ts, which also checks params (no CHECK on kind: a later kind needs code, not a migration).
CREATE TABLE warning_rules (
  id serial PRIMARY KEY,
  code text NOT NULL UNIQUE,
  kind text NOT NULL,
  params jsonb NOT NULL DEFAULT '{}',
  enabled boolean NOT NULL DEFAULT true,
  severity text NOT NULL CHECK (severity IN ('high', 'medium', 'low')),
  version integer NOT NULL DEFAULT 1,
  updated_by text,
  updated_at timestamptz NOT NULL DEFAULT now()
);
-- Every change, with who, when, why and the settings before and after (before is null for the seed).
CREATE TABLE warning_rule_history (
  id bigserial PRIMARY KEY,
  rule_id integer NOT NULL REFERENCES warning_rules(id),
  version integer NOT NULL,
  changed_at timestamptz NOT NULL DEFAULT now(),
  user_id integer REFERENCES users(id),
  username text NOT NULL,
  reason text NOT NULL,
  before jsonb,
  after jsonb NOT NULL,
  UNIQUE (rule_id, version)
);
`,
  },
  {
    id: 6,
    name: 'key-city indicators: published figures per city, indicator and year, with sources and history',
    sql: `
-- Key-city indicators (重点城市指标对比, seeds/city-indicators.json; vocabulary and rules in
-- src/domain/monitoring/city-indicators.ts, which checks city and indicator codes, units and
-- denominators: no CHECK on them, a later indicator needs code, not a migration). One published figure
-- per (city, indicator, year), as reported, with its source. value NULL = no published figure found.
-- coverage: months covered from January ('1-11'), NULL = the whole year. denominator: what a share is
-- a share of. qualifier: the source said "over" / "about" / "expected over".
CREATE TABLE city_indicators (
  id serial PRIMARY KEY,
  city text NOT NULL,
  indicator text NOT NULL,
  year integer NOT NULL CHECK (year BETWEEN 2000 AND 2100),
  value double precision,
  unit text NOT NULL,
  denominator text,
  coverage text CHECK (coverage ~ '^1-([1-9]|1[01])$'),
  qualifier text CHECK (qualifier IN ('over', 'about', 'expectedOver')),
  source_title text,
  source_url text,
  note text,
  demo boolean NOT NULL DEFAULT false,
  import_id text REFERENCES imports(id),
  version integer NOT NULL DEFAULT 1,
  updated_by text NOT NULL,
  updated_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (city, indicator, year)
);
-- Every version of a figure: who, when, why (an edit's reason, or the import), before and after.
CREATE TABLE city_indicator_history (
  id bigserial PRIMARY KEY,
  figure_id integer NOT NULL REFERENCES city_indicators(id),
  version integer NOT NULL,
  changed_at timestamptz NOT NULL DEFAULT now(),
  user_id integer REFERENCES users(id),
  username text NOT NULL,
  reason text NOT NULL,
  import_id text REFERENCES imports(id),
  before jsonb,
  after jsonb NOT NULL,
  UNIQUE (figure_id, version)
);

-- The cityIndicators import kind joins the pipeline.
ALTER TABLE imports DROP CONSTRAINT imports_kind_check;
ALTER TABLE imports ADD CONSTRAINT imports_kind_check CHECK (kind IN ('enterprises', 'parks', 'districts', 'operating', 'cityIndicators'));
ALTER TABLE import_mappings DROP CONSTRAINT import_mappings_kind_check;
ALTER TABLE import_mappings ADD CONSTRAINT import_mappings_kind_check CHECK (kind IN ('enterprises', 'parks', 'districts', 'operating', 'cityIndicators'));
ALTER TABLE record_history DROP CONSTRAINT record_history_kind_check;
ALTER TABLE record_history ADD CONSTRAINT record_history_kind_check CHECK (kind IN ('enterprises', 'parks', 'districts', 'operating', 'cityIndicators'));
`,
  },
  {
    id: 7,
    name: 'monitoring reports: jobs, files, publication, schedules; enterprise park indexes',
    sql: `
-- A report job and its files. Generation fills html/pdf/docx and the vintage; publication gives it a
-- version per (period, audience) and freezes it: the trigger below refuses any later change.
CREATE TABLE report_schedules (
  id serial PRIMARY KEY,
  kind text NOT NULL CHECK (kind IN ('month', 'quarter', 'year')),
  day integer NOT NULL CHECK (day BETWEEN 1 AND 28),
  audiences text[] NOT NULL CHECK (audiences <@ ARRAY['internal', 'public'] AND cardinality(audiences) > 0),
  publish boolean NOT NULL DEFAULT true,
  enabled boolean NOT NULL DEFAULT true,
  last_period text,
  version integer NOT NULL DEFAULT 1,
  updated_by text NOT NULL,
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE TABLE reports (
  id serial PRIMARY KEY,
  period text NOT NULL,
  as_of date,
  audience text NOT NULL CHECK (audience IN ('internal', 'public')),
  status text NOT NULL DEFAULT 'queued' CHECK (status IN ('queued', 'running', 'done', 'failed')),
  progress real NOT NULL DEFAULT 0,
  step text,
  error text,
  requested_by text NOT NULL,
  requested_at timestamptz NOT NULL DEFAULT now(),
  started_at timestamptz,
  finished_at timestamptz,
  schedule_id integer REFERENCES report_schedules(id),
  data_through text,
  data_updated_at timestamptz,
  demo boolean,
  html text,
  pdf bytea,
  docx bytea,
  hashes jsonb NOT NULL DEFAULT '{}',
  published boolean NOT NULL DEFAULT false,
  published_at timestamptz,
  published_by text,
  version integer,
  CHECK (NOT published OR (status = 'done' AND version IS NOT NULL))
);
CREATE UNIQUE INDEX reports_version ON reports (period, audience, version) WHERE published;
CREATE INDEX reports_queue ON reports (requested_at) WHERE status = 'queued';
CREATE FUNCTION reports_frozen() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF OLD.published THEN RAISE EXCEPTION 'report % is published and cannot change', OLD.id; END IF;
  IF TG_OP = 'DELETE' THEN RETURN OLD; END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER reports_frozen BEFORE UPDATE OR DELETE ON reports FOR EACH ROW EXECUTE FUNCTION reports_frozen();
-- Questions about one park's enterprises (enterprise list, park figures) read them by park.
CREATE INDEX IF NOT EXISTS enterprises_village_park ON enterprises (village_park_id) WHERE village_park_id IS NOT NULL;
CREATE INDEX IF NOT EXISTS enterprises_value_park ON enterprises (value_park_id) WHERE value_park_id IS NOT NULL;
`,
  },
  {
    id: 8,
    name: 'login throttling per account and source (replaces login_failures)',
    sql: `
-- One counter per (scope, key): scope 'pair' = username + client address, 'source' = client address
-- (only with TRUST_PROXY). An attempt is claimed by one upsert that records it and decides
-- (src/server/auth/throttle.ts); blocked_until is when the next attempt may be made.
CREATE TABLE login_throttle (
  scope text NOT NULL CHECK (scope IN ('pair', 'source')),
  key text NOT NULL,
  failures integer NOT NULL,
  last_at timestamptz NOT NULL DEFAULT now(),
  blocked_until timestamptz,
  PRIMARY KEY (scope, key)
);
DROP TABLE login_failures;
`,
  },
  {
    id: 9,
    name: 'running totals per enterprise since January (firm_ytd)',
    sql: `
-- Per enterprise and month: the sums of its returns since January and how many months they cover,
-- from its first return of the year to the last month of the year with any return (src/server/
-- monitoring/firm-ytd.ts keeps it in step with operating_figures and says why).
CREATE TABLE firm_ytd (
  month integer NOT NULL,
  enterprise_id integer NOT NULL,
  revenue bigint NOT NULL,
  output bigint NOT NULL,
  value_added bigint NOT NULL,
  profit bigint NOT NULL,
  tax bigint NOT NULL,
  employees bigint NOT NULL,
  months smallint NOT NULL,
  PRIMARY KEY (month, enterprise_id)
);
-- The figures already there: the same totals in one statement (a running sum over each firm's months).
INSERT INTO firm_ytd
SELECT g.month, g.enterprise_id,
  sum(coalesce(f.revenue, 0)) OVER w, sum(coalesce(f.output, 0)) OVER w, sum(coalesce(f.value_added, 0)) OVER w,
  sum(coalesce(f.profit, 0)) OVER w, sum(coalesce(f.tax, 0)) OVER w, sum(coalesce(f.employees, 0)) OVER w, count(f.month) OVER w
FROM (
  SELECT fy.enterprise_id, fy.y * 100 + s AS month
  FROM (SELECT enterprise_id, month / 100 AS y, min(month) % 100 AS m0 FROM operating_figures GROUP BY 1, 2) fy
  JOIN (SELECT month / 100 AS y, max(month) % 100 AS m1 FROM operating_figures GROUP BY 1) ym ON ym.y = fy.y
  CROSS JOIN LATERAL generate_series(fy.m0, ym.m1) s
) g
LEFT JOIN operating_figures f ON f.enterprise_id = g.enterprise_id AND f.month = g.month
WINDOW w AS (PARTITION BY g.enterprise_id, g.month / 100 ORDER BY g.month);
`,
  },
  {
    id: 10,
    name: 'export policy: client address, fields and refusals in the export log',
    sql: `
-- Every export asked for is logged, refused ones too (src/server/exports/export-log.ts): the client
-- address, the fields it carried, and why it was refused (NULL = served). The export rate is counted
-- from these rows, per account for users and per address for visitors without one: hence the indexes.
ALTER TABLE export_log
  ADD COLUMN source text,
  ADD COLUMN fields text[],
  ADD COLUMN refused text CHECK (refused IN ('layer', 'fields', 'rate', 'rows'));
CREATE INDEX export_log_user_at ON export_log (user_id, at) WHERE user_id IS NOT NULL;
CREATE INDEX export_log_source_at ON export_log (source, at) WHERE user_id IS NULL;
`,
  },
  {
    id: 11,
    name: 'scale-out: tile archives and enterprise payloads in the database, report runners with heartbeats',
    sql: `
-- What every server process serves must be the same for all of them (docs/architecture.md §8).
-- The map's PMTiles archives rebuilt after imports of parks or districts (src/server/tiles/
-- tile-store.ts): source_revision is the dataset_meta 'tiles_revision' they show at least.
CREATE TABLE tile_archives (
  name text PRIMARY KEY,
  source_revision bigint NOT NULL,
  etag text NOT NULL,
  bytes bytea NOT NULL,
  built_at timestamptz NOT NULL DEFAULT now()
);
-- The gzipped enterprise payload per variant, for the revision it was built from
-- (src/server/routes/enterprise-payload.ts): one process builds, the others read.
CREATE TABLE enterprise_payloads (
  variant text PRIMARY KEY CHECK (variant IN ('public', 'confidential')),
  revision text NOT NULL,
  etag text NOT NULL,
  bytes bytea NOT NULL,
  built_at timestamptz NOT NULL DEFAULT now()
);
-- Both hold compressed bytes: storing them out of line without trying to compress them again.
ALTER TABLE tile_archives ALTER COLUMN bytes SET STORAGE EXTERNAL;
ALTER TABLE enterprise_payloads ALTER COLUMN bytes SET STORAGE EXTERNAL;
-- Which server process's report runner holds a running job and when it last said it was alive:
-- only a job whose heartbeat stopped is queued again (src/server/reports/report-runner.ts).
ALTER TABLE reports ADD COLUMN runner text, ADD COLUMN heartbeat_at timestamptz;
`,
  },
  {
    id: 12,
    name: 'answers revision: bumped by every change the indicator answers depend on',
    sql: `
-- The revision of everything the indicator engine, the warnings and the enterprise list read
-- (src/server/monitoring/answer-cache.ts keys its cached answers by it). Statement triggers bump it
-- in the transaction of the change, so a reader sees the new revision exactly when it sees the new
-- data, in every server process. Park status edits do not touch it (only names, districts and areas
-- of parks enter the answers), so editors never wait on this row.
CREATE TABLE answers_revision (
  id boolean PRIMARY KEY DEFAULT true CHECK (id),
  revision bigint NOT NULL
);
INSERT INTO answers_revision VALUES (true, 1);
CREATE FUNCTION bump_answers_revision() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE answers_revision SET revision = revision + 1;
  RETURN NULL;
END $$;
CREATE TRIGGER answers_operating_figures AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON operating_figures FOR EACH STATEMENT EXECUTE FUNCTION bump_answers_revision();
CREATE TRIGGER answers_enterprises AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON enterprises FOR EACH STATEMENT EXECUTE FUNCTION bump_answers_revision();
CREATE TRIGGER answers_industry_classes AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON industry_classes FOR EACH STATEMENT EXECUTE FUNCTION bump_answers_revision();
CREATE TRIGGER answers_towns AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON towns FOR EACH STATEMENT EXECUTE FUNCTION bump_answers_revision();
CREATE TRIGGER answers_target_plans AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON target_plans FOR EACH STATEMENT EXECUTE FUNCTION bump_answers_revision();
CREATE TRIGGER answers_targets AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON targets FOR EACH STATEMENT EXECUTE FUNCTION bump_answers_revision();
CREATE TRIGGER answers_warning_rules AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON warning_rules FOR EACH STATEMENT EXECUTE FUNCTION bump_answers_revision();
CREATE TRIGGER answers_village_parks AFTER INSERT OR DELETE OR TRUNCATE OR UPDATE OF name, district, area_mu ON village_parks FOR EACH STATEMENT EXECUTE FUNCTION bump_answers_revision();
CREATE TRIGGER answers_value_parks AFTER INSERT OR DELETE OR TRUNCATE OR UPDATE OF name, name_zh_hant, name_en, district, area_km2 ON value_parks FOR EACH STATEMENT EXECUTE FUNCTION bump_answers_revision();
`,
  },
  {
    id: 13,
    name: 'district → city review: review rules and park proposals',
    sql: `
-- Which kinds of change by a district official need a city administrator's approval
-- (src/domain/renovation-review.ts): configuration kept as data, all on to begin with.
CREATE TABLE review_rules (
  kind text PRIMARY KEY CHECK (kind IN ('category', 'pilot', 'completion')),
  needs_review boolean NOT NULL,
  updated_by text,
  updated_at timestamptz NOT NULL DEFAULT now()
);
INSERT INTO review_rules (kind, needs_review) VALUES ('category', true), ('pilot', true), ('completion', true);

-- A change proposed by a district official, waiting for the city or decided (src/server/parks/
-- proposals.ts). It keeps the PATCH body (change, reason, effective date) and the park version it
-- was made on: approval applies it through the same code as a PATCH with that version as If-Match,
-- so a proposal on a park that changed since cannot be approved. The steps that are not status
-- changes (proposed, returned) are read from here into the park's history; decided_version places
-- a decision among the park's versions (for an approval, the version it made).
CREATE TABLE park_proposals (
  id serial PRIMARY KEY,
  park_id integer NOT NULL REFERENCES village_parks(id),
  district text NOT NULL REFERENCES districts(code),
  kinds text[] NOT NULL CHECK (cardinality(kinds) > 0 AND kinds <@ ARRAY['category', 'pilot', 'completion']),
  change jsonb NOT NULL,
  reason text NOT NULL,
  effective_date date NOT NULL,
  base_version integer NOT NULL,
  from_status jsonb NOT NULL,
  to_status jsonb NOT NULL,
  source text NOT NULL CHECK (source IN ('edit', 'bulk')),
  status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'approved', 'returned')),
  submitted_by integer REFERENCES users(id),
  submitted_by_name text NOT NULL,
  submitted_at timestamptz NOT NULL DEFAULT now(),
  decided_by integer REFERENCES users(id),
  decided_by_name text,
  decided_at timestamptz,
  decided_version integer,
  comment text,
  CHECK ((status = 'pending') = (decided_at IS NULL)),
  CHECK (status = 'pending' OR (decided_by_name IS NOT NULL AND comment IS NOT NULL AND decided_version IS NOT NULL))
);
CREATE INDEX park_proposals_pending ON park_proposals (district, submitted_at) WHERE status = 'pending';
CREATE INDEX park_proposals_park ON park_proposals (park_id);

-- The status row an approval writes: source 'proposal', and which proposal it applied.
ALTER TABLE park_status_history DROP CONSTRAINT park_status_history_source_check;
ALTER TABLE park_status_history ADD CONSTRAINT park_status_history_source_check CHECK (source IN ('seed', 'edit', 'bulk', 'import', 'proposal'));
ALTER TABLE park_status_history ADD COLUMN proposal_id integer REFERENCES park_proposals(id);
`,
  },
  {
    id: 14,
    name: 'import kinds for park status, key projects, industrial blocks and planning zones',
    sql: `
-- Four more kinds join the import pipeline (docs/architecture.md §7, "An import kind"): the bulk
-- park-status update, key projects, industrial blocks and the planning/ecological zones the
-- classification standard reads. One migration for all four so their CHECKs are written once.
ALTER TABLE imports DROP CONSTRAINT imports_kind_check;
ALTER TABLE imports ADD CONSTRAINT imports_kind_check CHECK (kind IN ('enterprises', 'parks', 'districts', 'operating', 'cityIndicators', 'parkStatus', 'keyProjects', 'industrialBlocks', 'zones'));
ALTER TABLE import_mappings DROP CONSTRAINT import_mappings_kind_check;
ALTER TABLE import_mappings ADD CONSTRAINT import_mappings_kind_check CHECK (kind IN ('enterprises', 'parks', 'districts', 'operating', 'cityIndicators', 'parkStatus', 'keyProjects', 'industrialBlocks', 'zones'));
ALTER TABLE record_history DROP CONSTRAINT record_history_kind_check;
ALTER TABLE record_history ADD CONSTRAINT record_history_kind_check CHECK (kind IN ('enterprises', 'parks', 'districts', 'operating', 'cityIndicators', 'parkStatus', 'keyProjects', 'industrialBlocks', 'zones'));
`,
  },
  {
    id: 15,
    name: 'classification standard: zones, standard versions and rules',
    sql: `
-- The classification standard of village parks (村级工业园分类整治标准; src/domain/renovation-standard.ts,
-- src/server/parks/standard-queries.ts, docs/architecture.md §4 "The classification standard").
-- Zones: the planning and ecological polygon layers the standard's rules read (import kind 'zones',
-- allowed by migration 14; src/server/imports/apply-zones.ts). The zone types are the domain's ZONE_TYPES.
CREATE TABLE zones (
  id serial PRIMARY KEY,
  code text NOT NULL UNIQUE,
  name text NOT NULL,
  zone_type text NOT NULL CHECK (zone_type IN ('ecologicalRedLine', 'basicFarmland', 'waterSourceProtection', 'industrialControlLine', 'urbanRenewal')),
  demo boolean NOT NULL DEFAULT false,
  updated_at timestamptz NOT NULL DEFAULT now(),
  import_id text REFERENCES imports(id),
  geom geometry(MultiPolygon, 4326) NOT NULL
);
CREATE INDEX zones_geom ON zones USING gist (geom);
CREATE INDEX zones_type ON zones (zone_type);

-- Versions of the standard: a new version is a new set of rules; old versions are kept. One draft
-- at a time (edited in place until it is activated), one active version; activating a draft retires
-- the active one. Activated versions never change (the routes refuse, and so does the trigger).
CREATE TABLE standard_versions (
  id serial PRIMARY KEY,
  version integer NOT NULL UNIQUE,
  status text NOT NULL CHECK (status IN ('draft', 'active', 'retired')),
  note text NOT NULL DEFAULT '',
  based_on integer REFERENCES standard_versions(id),
  created_by text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  activated_by text,
  activated_at timestamptz,
  retired_at timestamptz,
  CHECK ((status = 'draft') = (activated_at IS NULL))
);
CREATE UNIQUE INDEX standard_versions_one_active ON standard_versions ((true)) WHERE status = 'active';
CREATE UNIQUE INDEX standard_versions_one_draft ON standard_versions ((true)) WHERE status = 'draft';

-- The rules of a version in their order (position 1 is tried first; the first rule that holds decides).
-- conditions: a JSON array of {kind: 'metric', metric, op, value} | {kind: 'zone', zoneType, relation}.
CREATE TABLE standard_rules (
  version_id integer NOT NULL REFERENCES standard_versions(id) ON DELETE CASCADE,
  position integer NOT NULL CHECK (position >= 1),
  category text NOT NULL CHECK (category IN ('eliminate', 'convert', 'upgrade')),
  conditions jsonb NOT NULL CHECK (jsonb_typeof(conditions) = 'array'),
  note text NOT NULL DEFAULT '',
  PRIMARY KEY (version_id, position)
);

-- Rules of a version that is no longer a draft are frozen.
CREATE FUNCTION standard_rules_frozen() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF EXISTS (SELECT 1 FROM standard_versions WHERE id = coalesce(NEW.version_id, OLD.version_id) AND status <> 'draft') THEN
    RAISE EXCEPTION 'the rules of an activated standard version cannot change' USING ERRCODE = 'check_violation';
  END IF;
  RETURN coalesce(NEW, OLD);
END $$;
CREATE TRIGGER standard_rules_frozen BEFORE INSERT OR UPDATE OR DELETE ON standard_rules FOR EACH ROW EXECUTE FUNCTION standard_rules_frozen();
`,
  },
  {
    id: 16,
    name: 'an enterprise may leave its number of employees blank',
    sql: `
-- A file without an employee count left it blank rather than recording 0 employees
-- (validate-enterprises.ts warns about it).
ALTER TABLE enterprises ALTER COLUMN employees DROP NOT NULL;
`,
  },
  {
    id: 17,
    name: 'key projects',
    sql: `
-- Key projects (重点项目, issue 13 item 5; docs/architecture.md §4 "Key projects"): investment in
-- yuan, land in mu, cluster, status, district and a point or parcel polygon; imported as kind
-- keyProjects (allowed by migration 14). Eligibility for provincial land quotas is computed, not
-- stored (src/domain/key-projects.ts). Demo databases get synthetic projects (projects/demo-key-projects.ts).
-- The dashboard's key-project card reads this table directly (no cached engine answer), so no
-- answers_revision trigger is needed.
${KEY_PROJECTS_TABLE_SQL};
${DEMO_KEY_PROJECTS_SQL};
`,
  },
  {
    id: 18,
    name: 'industrial blocks',
    sql: `
-- Industrial blocks (工业产业区块, plan §三(三)): the city's protected industrial land, imported as
-- polygons (kind industrialBlocks, allowed by migration 14). A block is used as an area filter and
-- reported on (routes/industrial-blocks.ts). Demo databases get synthetic blocks (blocks/demo-blocks.ts).
CREATE TABLE industrial_blocks (
  id serial PRIMARY KEY,
  code text NOT NULL UNIQUE,
  name text NOT NULL,
  level text CHECK (level IN ('first', 'second')),
  district text REFERENCES districts(code),
  area_mu double precision NOT NULL CHECK (area_mu >= 0),
  demo boolean NOT NULL DEFAULT false,
  version integer NOT NULL DEFAULT 1,
  updated_at timestamptz NOT NULL DEFAULT now(),
  import_id text REFERENCES imports(id),
  geom geometry(MultiPolygon, 4326) NOT NULL
);
CREATE INDEX industrial_blocks_geom ON industrial_blocks USING gist (geom);
${DEMO_BLOCKS_SQL};
`,
  },
  {
    id: 19,
    name: 'failures stored as problems; the old bulk jobs dropped',
    sql: `
-- Why an import's apply or a report's generation failed, as a problem (code and parameters of
-- src/domain/problems.ts) that the app renders in the user's language (issue 15). The
-- English error column stays for API users; rows that failed before this migration have only the text.
ALTER TABLE imports ADD COLUMN error_problem jsonb;
ALTER TABLE reports ADD COLUMN error_problem jsonb;
-- The old bulk status route (POST /api/parks/bulk) is gone: park status files go through the import
-- pipeline (kind parkStatus), so its checked-file store has no reader left.
DROP TABLE bulk_jobs;
`,
  },
  {
    id: 21,
    name: 'indicator rollups: level 4, the grid square without the industry',
    sql: `
-- Level 4 keeps the 0.01° square, the district and the population flags, and drops the industry
-- (cluster, sub-industry and division '*'), the town, the tags and the tier: an area question that
-- groups by nothing or by district, without an industry filter, adds up a few cells per covered
-- square instead of level 3's ~60 (src/server/monitoring/indicator-sums.ts, gridSums). Built here
-- from level 0 for databases filled before it; rollups.ts keeps it from then on.
ALTER TABLE indicator_cells DROP CONSTRAINT indicator_cells_level_check;
ALTER TABLE indicator_cells ADD CONSTRAINT indicator_cells_level_check CHECK (level IN (0, 1, 2, 3, 4));
ALTER TABLE indicator_cells ADD COLUMN parent4 integer REFERENCES indicator_cells(id);
INSERT INTO indicator_cells (level, grid, cluster, sub_industry, division, district, town, tags_mask, tier, above_scale, advanced, high_tech, demo)
  SELECT DISTINCT 4, grid, '*', '*', '*', district, '', -1, -1, above_scale, advanced, high_tech, demo FROM indicator_cells WHERE level = 0;
ANALYZE indicator_cells;
UPDATE indicator_cells c SET parent4 = p.id FROM indicator_cells p
  WHERE c.level = 0 AND p.level = 4 AND p.grid = c.grid AND p.district = c.district AND p.above_scale = c.above_scale
  AND p.advanced = c.advanced AND p.high_tech = c.high_tech AND p.demo = c.demo;
INSERT INTO cell_figures (level, period, cell_id, revenue, output, value_added, profit, tax, employee_months)
  SELECT 4, f.period, c.parent4, sum(f.revenue), sum(f.output), sum(f.value_added), sum(f.profit), sum(f.tax), sum(f.employee_months)
  FROM cell_figures f JOIN indicator_cells c ON c.id = f.cell_id WHERE f.level = 0 GROUP BY f.period, c.parent4;
INSERT INTO cell_reporters (level, cell_id, year, months_mask, enterprises)
  SELECT 4, c.parent4, r.year, r.months_mask, sum(r.enterprises)
  FROM cell_reporters r JOIN indicator_cells c ON c.id = r.cell_id WHERE r.level = 0 GROUP BY c.parent4, r.year, r.months_mask;
ANALYZE cell_figures;
ANALYZE cell_reporters;
`,
  },
  {
    id: 22,
    name: 'area edges by square: firm_points and the square in firm_ytd',
    sql: `
-- An area's edge squares are answered firm by firm (src/server/monitoring/indicator-sums.ts). With a
-- million firms a 9 km circle has ~22,000 of them on its edge, and one index lookup per firm in
-- enterprises and in firm_ytd took most of the answer's time. firm_points holds each firm's square,
-- cell and position in square order, and firm_ytd gains the square, in square order within a month,
-- so both are read as a few ranges (grid-squares.ts keeps them so).
CREATE TABLE firm_points (
  grid integer NOT NULL,
  enterprise_id integer NOT NULL,
  cell_id integer NOT NULL,
  geom geometry(Point, 4326) NOT NULL,
  PRIMARY KEY (grid, enterprise_id)
);
${REBUILD_FIRM_POINTS_SQL.slice(1).join(';\n')};
ALTER TABLE firm_ytd RENAME TO firm_ytd_before_squares;
ALTER INDEX firm_ytd_pkey RENAME TO firm_ytd_before_squares_pkey;
CREATE TABLE firm_ytd (
  month integer NOT NULL,
  enterprise_id integer NOT NULL,
  grid integer NOT NULL,
  revenue bigint NOT NULL,
  output bigint NOT NULL,
  value_added bigint NOT NULL,
  profit bigint NOT NULL,
  tax bigint NOT NULL,
  employees bigint NOT NULL,
  months smallint NOT NULL,
  PRIMARY KEY (month, enterprise_id)
);
INSERT INTO firm_ytd (month, enterprise_id, grid, revenue, output, value_added, profit, tax, employees, months)
  SELECT y.month, y.enterprise_id, ${GRID_SQL}, y.revenue, y.output, y.value_added, y.profit, y.tax, y.employees, y.months
  FROM firm_ytd_before_squares y JOIN enterprises e ON e.id = y.enterprise_id ORDER BY 1, 3, 2;
DROP TABLE firm_ytd_before_squares;
CREATE INDEX firm_ytd_grid ON firm_ytd (month, grid);
ANALYZE firm_ytd;
`,
  },
];

export async function migrate(db: Database): Promise<number[]> {
  await db.exec('CREATE TABLE IF NOT EXISTS schema_migrations (id integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())');
  const applied: number[] = [];
  // In id order, whatever the order of the list.
  for (const m of [...MIGRATIONS].sort((a, b) => a.id - b.id)) {
    const done = await db.transaction(async (tx) => {
      // Several server processes may start together against one PostgreSQL: take turns.
      await tx.query('SELECT pg_advisory_xact_lock(724001)');
      if ((await tx.query('SELECT 1 FROM schema_migrations WHERE id = $1', [m.id])).length) return false;
      await tx.exec(m.sql);
      await tx.query('INSERT INTO schema_migrations (id, name) VALUES ($1, $2)', [m.id, m.name]);
      return true;
    });
    if (done) applied.push(m.id);
  }
  return applied;
}

/** The ids of the migrations this database has (readiness, routes/health.ts); throws when the database does not answer. */
export async function appliedMigrations(db: Database): Promise<number[]> {
  return (await db.query<{ id: number }>('SELECT id FROM schema_migrations')).map((r) => r.id);
}
