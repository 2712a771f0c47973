// Errors that become clear 4xx answers: `{ error, fields? }`, never a stack trace.
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';

export class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly fields?: Record<string, string>,
    readonly extra?: Record<string, unknown>,
  ) {
    super(message);
  }
}

interface AjvError {
  instancePath: string;
  keyword: string;
  message?: string;
  params: Record<string, unknown>;
}

/** Per-field messages from JSON-schema validation errors (ajv). */
export function fieldMessages(errors: AjvError[]): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const e of errors) {
    let field = e.instancePath.replace(/^\//, '').replace(/\//g, '.');
    let msg = e.message ?? 'is invalid';
    if (e.keyword === 'additionalProperties') {
      field = [field, String(e.params.additionalProperty)].filter(Boolean).join('.');
      msg = 'is not a known field';
    } else if (e.keyword === 'required') {
      field = [field, String(e.params.missingProperty)].filter(Boolean).join('.');
      msg = 'is required';
    } else if (e.keyword === 'enum') msg = `must be one of: ${(e.params.allowedValues as unknown[]).join(', ')}`;
    fields[field || 'body'] ??= msg;
  }
  return fields;
}

export function errorHandler(err: FastifyError & { validation?: AjvError[]; validationContext?: string }, req: FastifyRequest, reply: FastifyReply) {
  if (err instanceof HttpError) return reply.status(err.status).send({ error: err.message, ...(err.fields ? { fields: err.fields } : {}), ...err.extra });
  if (err.validation) {
    const where = err.validationContext === 'querystring' ? 'query parameters' : err.validationContext === 'params' ? 'address' : 'request body';
    return reply.status(400).send({ error: `The ${where} is invalid.`, fields: fieldMessages(err.validation) });
  }
  const status = err.statusCode ?? 500;
  if (status >= 400 && status < 500) {
    const friendly: Record<string, string> = {
      FST_ERR_CTP_INVALID_JSON_BODY: 'The request body is not valid JSON.',
      FST_ERR_CTP_EMPTY_JSON_BODY: 'The request body is empty; JSON was expected.',
      FST_ERR_CTP_BODY_TOO_LARGE: 'The request body is too large.',
      FST_ERR_CTP_INVALID_MEDIA_TYPE: 'Unsupported content type.',
      FST_ERR_CTP_INVALID_CONTENT_LENGTH: 'The Content-Length header does not match the body.',
    };
    return reply.status(status).send({ error: friendly[err.code] ?? err.message });
  }
  req.log.error(err);
  return reply.status(500).send({ error: 'Something went wrong on the server; nothing was changed. Please try again.' });
}
