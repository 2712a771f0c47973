// A button naming a village park or value-innovation park that an enterprise belongs to; the name
// is fetched lazily (the enterprise record carries only the id).
import { useEffect, useState } from 'react';
import type { Lang } from '../../domain/taxonomy.ts';
import { fetchPark } from '../api/endpoints.ts';
import { fetchValuePark } from '../api/endpoints-map.ts';
import { valueParkName } from '../i18n/labels.ts';
import { tf } from '../i18n/messages.ts';
import { useAppStore } from '../state/store.ts';

export function ParkLink({ kind, id, lang }: { kind: 'park' | 'valuePark'; id: number; lang: Lang }) {
  const select = useAppStore((s) => s.select);
  const [name, setName] = useState<string | null>(null);
  useEffect(() => {
    const ac = new AbortController();
    setName(null);
    const load = kind === 'park'
      ? fetchPark(id, ac.signal).then((p) => p.properties.name)
      : fetchValuePark(id, ac.signal).then((p) => valueParkName(p.properties, lang));
    load.then(setName, () => undefined); // the id still works as a label
    return () => ac.abort();
  }, [kind, id, lang]);
  return (
    <button type="button" className="link" onClick={() => select({ kind, id })} data-testid={`member-${kind}`}>
      {name ?? tf('openPark', lang, { id })}
    </button>
  );
}
