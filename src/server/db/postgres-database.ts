// A PostgreSQL + PostGIS server through a connection pool (DATABASE_URL).
import pg from 'pg';
import type { Database, Queryable } from './database.ts';

// int8 and numeric come back as strings by default; the values we store fit in a double.
pg.types.setTypeParser(pg.types.builtins.INT8, (v) => Number(v));
pg.types.setTypeParser(pg.types.builtins.NUMERIC, (v) => Number(v));

const wrap = (c: pg.Pool | pg.PoolClient): Queryable => ({
  async query<T>(sql: string, params: unknown[] = []) {
    return (await c.query(sql, params)).rows as T[];
  },
  async exec(sql: string) {
    await c.query(sql);
  },
});

export async function openPostgres(url: string): Promise<Database> {
  // Our queries are short: JIT compilation costs more than it saves (10-20 ms per indicator query),
  // and the indicator GROUP BYs spill to disk with the default 4 MB of work memory.
  const pool = new pg.Pool({ connectionString: url, max: Number(process.env.PG_POOL_SIZE ?? 20), options: '-c jit=off -c work_mem=32MB' });
  // An idle connection the server closes (restart, failover, DROP DATABASE … FORCE) must not crash
  // the process: the pool drops it and opens a new one on the next query.
  pool.on('error', (err) => console.warn(`PostgreSQL connection lost: ${err.message}`));
  await pool.query('SELECT 1');
  return {
    kind: 'postgres',
    ...wrap(pool),
    async transaction(fn) {
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        const result = await fn(wrap(client));
        await client.query('COMMIT');
        return result;
      } catch (err) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw err;
      } finally {
        client.release();
      }
    },
    close: () => pool.end(),
  };
}
