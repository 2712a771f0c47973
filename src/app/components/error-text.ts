// Errors in plain words: what went wrong and, where the server said why, its reason.
import type { Lang } from '../../domain/taxonomy.ts';
import { ApiError, NETWORK_ERROR } from '../api/client.ts';
import { t } from '../i18n/messages.ts';

export function errorText(err: unknown, lang: Lang): string {
  if (!(err instanceof ApiError)) return t('otherError', lang) + String((err as Error)?.message ?? err);
  if (err.status === NETWORK_ERROR) return t('networkError', lang);
  if (err.status === 401) return t('sessionEnded', lang);
  if (err.status === 403) return t('forbidden', lang) + err.message;
  if (err.status === 409) return t('refused', lang) + err.message;
  if (err.status === 400 && Object.keys(err.fields).length) return t('invalid', lang);
  if (err.status >= 500) return t('serverError', lang);
  return t('otherError', lang) + err.message;
}

export const isAbort = (err: unknown) => (err as Error)?.name === 'AbortError';
