// "Select around": makes the area a buffer of the chosen distance around this park or value park.
import { t } from '../i18n/messages.ts';
import { useAppStore } from '../state/store.ts';

export function BufferAroundButton({ kind, id }: { kind: 'park' | 'valuePark'; id: number }) {
  const { lang, bufferKm, setArea } = useAppStore();
  return (
    <button type="button" data-testid="buffer-around" onClick={() => setArea({ kind: 'buffer', target: { kind, id }, km: bufferKm })}>
      {t('bufferAroundThis', lang)} {bufferKm} {t('kmUnit', lang)}
    </button>
  );
}
