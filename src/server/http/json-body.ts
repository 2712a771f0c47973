// The JSON body parser of every route: refuses invalid UTF-8 (instead of storing U+FFFD, as the
// importer does) and bodies nested deeper than MAX_JSON_DEPTH (a JSON.parse of 100,000 brackets is
// fine, but every recursive step after it — validation, JSON.stringify, PostGIS's parser — is not),
// then parses with Fastify's own parser (prototype-poisoning checks included).
import type { FastifyInstance } from 'fastify';
import { HttpError } from './errors.ts';
import { problem } from '../../domain/problems.ts';

/** Deepest nesting of arrays and objects a request body may have; our deepest legal body (a MultiPolygon area) needs 7. */
export const MAX_JSON_DEPTH = 32;

/** True when the JSON text (bytes or string) nests arrays/objects deeper than `max`; strings are skipped. */
export function jsonTooDeep(text: Uint8Array | string, max: number): boolean {
  const at = typeof text === 'string' ? (i: number) => text.charCodeAt(i) : (i: number) => text[i];
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = at(i);
    if (inString) {
      if (c === 0x5c) i++; // backslash: skip the escaped character
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x5b || c === 0x7b) {
      if (++depth > max) return true;
    } else if (c === 0x5d || c === 0x7d) depth--;
  }
  return false;
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

export function registerJsonBody(app: FastifyInstance): void {
  const parse = app.getDefaultJsonParser('error', 'error');
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'buffer' }, (req, body, done) => {
    const bytes = body as Buffer;
    let text: string;
    try {
      text = utf8.decode(bytes);
    } catch {
      return done(new HttpError(400, 'The request body is not valid UTF-8 text; send JSON encoded as UTF-8.', { body: 'invalid UTF-8' }, undefined, problem('body_not_utf8')), undefined);
    }
    if (jsonTooDeep(bytes, MAX_JSON_DEPTH))
      return done(new HttpError(400, `The request body is nested too deeply (more than ${MAX_JSON_DEPTH} levels of arrays and objects).`, { body: 'nested too deeply' }, undefined, problem('body_too_deep', { max: MAX_JSON_DEPTH })), undefined);
    parse(req, text, done);
  });
}
