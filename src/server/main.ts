// The server process: open the database, migrate, seed when empty, serve; stop cleanly on signals.
import { buildApp } from './app.ts';
import { loadConfig } from './config.ts';
import { openDatabase } from './db/open-database.ts';
import { migrate } from './db/migrations.ts';
import { isSeeded, seedDatabase } from './db/seed.ts';
import { seedMonitoringTables } from './db/seed-monitoring.ts';
import { rebuildTileArchives, tilesOutOfDate } from './tiles/tile-store.ts';

const config = loadConfig();
const db = await openDatabase(config);
await migrate(db);
await db.transaction((tx) => seedMonitoringTables(tx));
if (!(await isSeeded(db))) await seedDatabase(db, config.dataDir, (l) => console.log(l));
// An import changed parks or districts but the process that applied it died (or failed) before its
// tile rebuild was stored: rebuild now, so no process serves tiles older than the data.
if (await tilesOutOfDate(db)) {
  console.log('rebuilding the map tiles from the database…');
  await rebuildTileArchives(db);
}
const app = await buildApp({ db, staticDir: config.staticDir, tilesDir: config.tilesDir, secureCookies: config.secureCookies, logger: true,
  trustProxy: config.trustProxy, basemapOrigins: config.basemapOrigins, basemapPmtiles: config.basemapPmtiles, exportPolicy: config.exportPolicy });
const address = await app.listen({ port: config.port, host: config.host });
console.log(`Industrial GIS is running at ${address.replace('127.0.0.1', 'localhost')}/ (database: ${db.kind})`);

let stopping = false;
const stop = async (signal: string) => {
  if (stopping) return;
  stopping = true;
  console.log(`${signal}: finishing requests and closing the database…`);
  await app.close();
  await db.close();
  process.exit(0);
};
process.on('SIGINT', () => void stop('SIGINT'));
process.on('SIGTERM', () => void stop('SIGTERM'));
