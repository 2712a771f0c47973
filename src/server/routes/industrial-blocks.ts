// Industrial blocks (工业产业区块, plan §三(三)): the layer as GeoJSON, one block (its outline is an
// area filter: app/queries/areas.ts), and a block's report. Everyone may read them, as the parks;
// the report's figures follow the engine's rules (viewers and the public: fewer than 3 enterprises
// suppressed). SQL in blocks/block-queries.ts.
import type { FastifyInstance } from 'fastify';
import { LANGS, type Lang } from '../../domain/taxonomy.ts';
import { problem } from '../../domain/problems.ts';
import type { Database } from '../db/database.ts';
import { mayReadConfidential } from '../http/auth-hooks.ts';
import { HttpError } from '../http/errors.ts';
import { blockReport, getBlock, lastCompleteYear, listBlocks } from '../blocks/block-queries.ts';
import { idParams, optionalIntParam } from '../http/params.ts';

const notFound = (id: string) => new HttpError(404, `There is no industrial block ${id}.`, undefined, undefined, problem('not_found', { thing: 'industrialBlock', id }));

export function industrialBlockRoutes(app: FastifyInstance, db: Database): void {
  app.get('/api/industrial-blocks', {
    schema: {
      tags: ['industrialBlocks'],
      summary: 'Industrial blocks (工业产业区块) as a GeoJSON FeatureCollection: code, name, control level (first | second), district, land area in mu, enterprises located in each, demo flag',
    },
  }, async (_req, reply) => {
    reply.header('Cache-Control', 'no-cache');
    return { type: 'FeatureCollection', features: await listBlocks(db) };
  });

  app.get<{ Params: { id: string } }>('/api/industrial-blocks/:id', {
    schema: { tags: ['industrialBlocks'], summary: 'One industrial block as a GeoJSON Feature (its outline is what the area filter uses)', params: idParams },
  }, async (req) => {
    const block = await getBlock(db, Number(req.params.id));
    if (!block) throw notFound(req.params.id);
    return block;
  });

  app.get<{ Params: { id: string }; Querystring: { year?: string; lang?: Lang } }>('/api/industrial-blocks/:id/report', {
    schema: {
      tags: ['industrialBlocks'],
      summary: "A block's report: its enterprises, their output, revenue, tax and value added for a year (the indicator engine with the block as area), the village and value parks in it, and output per mu of the block's land",
      description: '`year` defaults to the last complete year (the latest year whose December has figures). For viewers and the public a figure resting on fewer than 3 enterprises is suppressed (value null, `suppressed: true`), and so is the output per mu.',
      params: idParams,
      querystring: {
        type: 'object', additionalProperties: false,
        properties: { year: { type: 'string', pattern: '^[0-9]{4}$' }, lang: { type: 'string', enum: [...LANGS] } },
      },
    },
  }, async (req) => {
    const block = await getBlock(db, Number(req.params.id));
    if (!block) throw notFound(req.params.id);
    const year = optionalIntParam('year', req.query.year, 0, 9999) ?? await lastCompleteYear(db);
    return blockReport(db, block, year, { confidential: mayReadConfidential(req), lang: req.query.lang ?? 'zh-Hans' });
  });
}
