// The messages of the chosen language for a component (architecture §10): reads `lang` from the store
// with a selector, so a component re-renders when the language changes and never needs `lang` passed
// down as a prop just to look up words.
import { useMemo } from 'react';
import type { Lang } from '../../domain/taxonomy.ts';
import { useAppStore } from '../state/store.ts';
import { loadMessages, t as translate, tf as format, type MessageKey, type MessageVars } from './messages.ts';

export interface BoundMessages {
  lang: Lang;
  t: (key: MessageKey) => string;
  tf: (key: MessageKey, vars: MessageVars) => string;
}

export function useT(): BoundMessages {
  const lang = useAppStore((s) => s.lang);
  return useMemo(() => ({ lang, t: (key) => translate(key, lang), tf: (key, vars) => format(key, lang, vars) }), [lang]);
}

let chosen: Lang | null = null;

/**
 * Switches the map's page to `lang` once its catalogue has arrived (messages.ts), so no frame shows
 * the new language with missing words. The last choice wins if the user changes it again meanwhile;
 * a catalogue that cannot be fetched leaves the language as it was.
 */
export async function chooseLang(lang: Lang): Promise<void> {
  chosen = lang;
  try {
    await loadMessages(lang);
  } catch (err) {
    console.warn(`The ${lang} messages could not be loaded`, err);
    return;
  }
  if (chosen === lang) useAppStore.getState().setLang(lang);
}
