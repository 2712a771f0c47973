// Errors that become clear 4xx answers, never a stack trace: RFC 9457 problem details
// (`application/problem+json`) with our extension members (architecture §10):
//   { type: '/problems/<code>' | 'about:blank', title, status, detail, code?, params?, error, fields?, fieldProblems?, ...extra }
// `detail` and `error` are the same English text (API users and older clients read `error`); `code`
// and `params` (src/domain/problems.ts) are what the app renders in the user's language; `fields`
// maps a field to its English message and `fieldProblems` the same field to its code and parameters.
import { STATUS_CODES } from 'node:http';
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { problem, withFields, type Problem, type ProblemInit } from '../../domain/problems.ts';
import { DomainError, type FailureKind } from '../domain-error.ts';

export class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly fields?: Record<string, string>,
    readonly extra?: Record<string, unknown>,
    /** The stable code and parameters of the problem (and of its fields); answers without one say `about:blank`. */
    readonly problem?: ProblemInit,
  ) {
    super(message);
  }

  /** `HttpError.of(409, problem('username_taken', { username }), 'The username … is taken.', { fields, extra })`. */
  static of(status: number, p: ProblemInit, message: string, opts: { fields?: Record<string, string>; extra?: Record<string, unknown> } = {}): HttpError {
    return new HttpError(status, message, opts.fields, opts.extra, p);
  }
}

/** 400: a period that is neither a year (2021), a quarter (2021-Q3) nor a month (2021-07). */
export const periodError = (text: string, field = 'period'): HttpError =>
  new HttpError(400, `The period "${text}" is not a year (2021), a quarter (2021-Q3) or a month (2021-07).`, { [field]: 'must be YYYY, YYYY-Qn or YYYY-MM' }, undefined,
    withFields(problem('indicator_period_invalid', { period: text }), { [field]: problem('field_period') }));

export const PROBLEM_CONTENT_TYPE = 'application/problem+json; charset=utf-8';

/** The problem-details body of an error answer. */
export function problemBody(status: number, detail: string, p?: ProblemInit, fields?: Record<string, string>, extra?: Record<string, unknown>): Record<string, unknown> {
  return {
    ...extra,
    type: p ? `/problems/${p.code}` : 'about:blank',
    title: STATUS_CODES[status] ?? 'Error',
    status,
    detail,
    ...(p ? { code: p.code, params: p.params } : {}),
    error: detail,
    ...(fields ? { fields } : {}),
    ...(p?.fields ? { fieldProblems: p.fields } : {}),
  };
}

export const sendProblem = (reply: FastifyReply, status: number, detail: string, p?: ProblemInit, fields?: Record<string, string>, extra?: Record<string, unknown>) =>
  reply.status(status).type(PROBLEM_CONTENT_TYPE).send(problemBody(status, detail, p, fields, extra));

interface AjvError {
  instancePath: string;
  keyword: string;
  message?: string;
  params: Record<string, unknown>;
}

const ajvField = (e: AjvError) => e.instancePath.replace(/^\//, '').replace(/\//g, '.');

/** The field an ajv error is about, and its code and parameters. */
function ajvProblem(e: AjvError): [string, Problem] {
  let field = ajvField(e);
  const n = (k: string) => Number(e.params[k]);
  let pr: Problem;
  switch (e.keyword) {
    case 'additionalProperties':
      field = [field, String(e.params.additionalProperty)].filter(Boolean).join('.');
      pr = problem('field_unknown');
      break;
    case 'required':
      field = [field, String(e.params.missingProperty)].filter(Boolean).join('.');
      pr = problem('field_required');
      break;
    case 'enum': pr = problem('field_one_of', { allowed: e.params.allowedValues as (string | number | null)[] }); break;
    case 'const': pr = problem('field_one_of', { allowed: [e.params.allowedValue as string] }); break;
    case 'type': pr = problem('field_type', { type: String(e.params.type) }); break;
    case 'minLength': pr = n('limit') <= 1 ? problem('field_blank') : problem('field_too_short', { min: n('limit') }); break;
    case 'maxLength': pr = problem('field_too_long', { max: n('limit') }); break;
    case 'minimum': pr = problem('field_too_small', { min: n('limit') }); break;
    case 'maximum': pr = problem('field_too_large', { max: n('limit') }); break;
    case 'exclusiveMinimum': pr = problem('field_too_small', { min: n('limit') }); break;
    case 'exclusiveMaximum': pr = problem('field_too_large', { max: n('limit') }); break;
    case 'minItems': pr = problem('field_too_few_items', { min: n('limit') }); break;
    case 'maxItems': pr = problem('field_too_many_items', { max: n('limit') }); break;
    case 'uniqueItems': pr = problem('field_duplicate_items'); break;
    case 'pattern': pr = problem('field_pattern'); break;
    case 'format': pr = problem('field_format', { format: String(e.params.format) }); break;
    default: pr = problem('field_invalid');
  }
  return [field || 'body', pr];
}

/** Per-field messages from JSON-schema validation errors (ajv). */
export function fieldMessages(errors: AjvError[]): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const e of errors) {
    let field = ajvField(e);
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

/** Per-field codes from ajv errors (the first problem of each field, like `fieldMessages`). */
export function fieldProblems(errors: AjvError[]): Record<string, Problem> {
  const out: Record<string, Problem> = {};
  for (const e of errors) {
    const [field, pr] = ajvProblem(e);
    out[field] ??= pr;
  }
  return out;
}

const FRIENDLY: Record<string, [string, Problem]> = {
  FST_ERR_CTP_INVALID_JSON_BODY: ['The request body is not valid JSON.', problem('body_invalid_json')],
  FST_ERR_CTP_EMPTY_JSON_BODY: ['The request body is empty; JSON was expected.', problem('body_empty')],
  FST_ERR_CTP_BODY_TOO_LARGE: ['The request body is too large.', problem('body_too_large')],
  FST_ERR_CTP_INVALID_MEDIA_TYPE: ['Unsupported content type.', problem('content_type_unsupported')],
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: ['The Content-Length header does not match the body.', problem('content_length_mismatch')],
};

/** The one place a service's failure (domain-error.ts) becomes an HTTP status. */
export const DOMAIN_STATUS: Record<FailureKind, number> = {
  invalid: 400,
  not_found: 404,
  conflict: 409,
  too_large: 413,
  unsupported: 415,
  rejected: 422,
};

export function errorHandler(err: FastifyError & { validation?: AjvError[]; validationContext?: string }, req: FastifyRequest, reply: FastifyReply) {
  if (err instanceof HttpError) return sendProblem(reply, err.status, err.message, err.problem, err.fields, err.extra);
  if (err instanceof DomainError) return sendProblem(reply, DOMAIN_STATUS[err.kind], err.message, err.problem, err.fields, err.extra);
  if (err.validation) {
    const [where, code] = err.validationContext === 'querystring' ? ['query parameters', 'query'] as const : err.validationContext === 'params' ? ['address', 'params'] as const : ['request body', 'body'] as const;
    return sendProblem(reply, 400, `The ${where} is invalid.`, { ...problem('request_invalid', { where: code }), fields: fieldProblems(err.validation) }, fieldMessages(err.validation));
  }
  const status = err.statusCode ?? 500;
  if (status >= 400 && status < 500) {
    const friendly = FRIENDLY[err.code];
    return sendProblem(reply, status, friendly?.[0] ?? err.message, friendly?.[1]);
  }
  req.log.error(err);
  return sendProblem(reply, 500, 'Something went wrong on the server; nothing was changed. Please try again.', problem('server_error'));
}
