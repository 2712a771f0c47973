// Schema migrations, applied in order, each once, in a transaction. Same SQL on PGlite and PostgreSQL.
import type { Database } from './database.ts';

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
];

export async function migrate(db: Database): Promise<number[]> {
  await db.exec('CREATE TABLE IF NOT EXISTS schema_migrations (id integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())');
  const applied: number[] = [];
  for (const m of MIGRATIONS) {
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
