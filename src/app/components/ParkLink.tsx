// A button naming a village park or value-innovation park that an enterprise belongs to; the name
// is fetched lazily (the enterprise record carries only the id).
import { valueParkName } from '../i18n/labels.ts';
import { usePark } from '../queries/parks.ts';
import { useValuePark } from '../queries/value-parks.ts';
import { useAppStore } from '../state/store.ts';
import { useT } from '../i18n/use-t.ts';

export function ParkLink({ kind, id }: { kind: 'park' | 'valuePark'; id: number }) {
  const { tf, lang } = useT();
  const select = useAppStore((s) => s.select);
  // The same cached questions as the parks' panels; while asking, or if it fails, the id is the label.
  const park = usePark(id, kind === 'park').data;
  const valuePark = useValuePark(id, kind === 'valuePark').data;
  const name = kind === 'park' ? park?.properties.name : valuePark && valueParkName(valuePark.properties, lang);
  return (
    <button type="button" className="link" onClick={() => select({ kind, id })} data-testid={`member-${kind}`}>
      {name ?? tf('openPark', { id })}
    </button>
  );
}
