// "Select around": makes the area a buffer of the chosen distance around this park or value park.
import { useAppStore } from '../state/store.ts';
import { useT } from '../i18n/use-t.ts';

export function BufferAroundButton({ kind, id }: { kind: 'park' | 'valuePark'; id: number }) {
  const { t } = useT();
  const bufferKm = useAppStore((s) => s.bufferKm);
  const setArea = useAppStore((s) => s.setArea);
  return (
    <button type="button" data-testid="buffer-around" onClick={() => setArea({ kind: 'buffer', target: { kind, id }, km: bufferKm })}>
      {t('bufferAroundThis')} {bufferKm} {t('kmUnit')}
    </button>
  );
}
