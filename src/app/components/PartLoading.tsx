// What shows while a part of the app that is fetched when first opened (React.lazy) arrives: one
// short line in the user's language, in a panel's frame when it stands for a panel.
import { t } from '../i18n/messages.ts';
import { useAppStore } from '../state/store.ts';

export function PartLoading({ panel = false }: { panel?: boolean }) {
  const lang = useAppStore((s) => s.lang);
  const text = t('loadingPart', lang);
  return panel ? <aside className="panel" role="status">{text}</aside> : <p className="muted" role="status">{text}</p>;
}
