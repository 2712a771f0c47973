// Errors in plain words: what went wrong and, where the server said why, its reason, in the user's
// language from the problem code and parameters (architecture §10); the server's English text only
// for a code this build does not know.
import { ProblemError } from '../../domain/problems.ts';
import type { Lang } from '../../domain/taxonomy.ts';
import { ApiError, NETWORK_ERROR } from '../api/client.ts';
import { t } from './messages.ts';
import { fieldProblemMap, fieldProblemTexts, problemText, PROBLEM_CATALOGUES } from './problem-text.ts';

/** The server's reason in the user's language: its problem, then its fields' problems. */
export function reasonText(err: ApiError, lang: Lang): string {
  const main = problemText(err.problem, lang, err.message) ?? err.message;
  // The fields are spelled out only under a generic "the request is invalid"; a specific problem
  // (a password rule, a taken username) already says what is wrong with its field.
  const generic = !err.problem || err.problem.code === 'request_invalid' || err.problem.code === 'query_invalid';
  if (!generic) return main;
  return [main, ...fieldProblemTexts(err.fieldProblems, lang, err.fields)].join(PROBLEM_CATALOGUES[lang].separator);
}

/** Per-field messages in the user's language, for forms that mark their inputs. */
export const fieldTexts = (err: unknown, lang: Lang): Record<string, string> =>
  err instanceof ApiError ? fieldProblemMap(err.fieldProblems, lang, err.fields) : {};

export function errorText(err: unknown, lang: Lang): string {
  if (err instanceof ProblemError) return problemText(err.problem, lang, err.message) ?? err.message;
  if (!(err instanceof ApiError)) return t('otherError', lang) + String((err as Error)?.message ?? err);
  if (err.status === NETWORK_ERROR) return t('networkError', lang);
  if (err.status === 401 && err.problem?.code !== 'login_wrong') return t('sessionEnded', lang);
  if (err.status >= 500) return t('serverError', lang);
  if (err.status === 400 && Object.keys(err.fields).length && !err.problem) return t('invalid', lang);
  const reason = reasonText(err, lang);
  if (err.status === 403) return t('forbidden', lang) + reason;
  if (err.status === 409) return t('refused', lang) + reason;
  // A known problem speaks for itself; an unknown one keeps the "something went wrong" lead.
  return err.problem && problemText(err.problem, lang) !== null ? reason : t('otherError', lang) + reason;
}

export const isAbort = (err: unknown) => (err as Error)?.name === 'AbortError';
