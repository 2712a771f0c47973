// What shows while a part of the app that is fetched when first opened (React.lazy) arrives: one
// short line in the user's language, in a panel's frame when it stands for a panel.
import { useT } from '../i18n/use-t.ts';

export function PartLoading({ panel = false }: { panel?: boolean }) {
  const { t } = useT();
  const text = t('loadingPart');
  return panel ? <aside className="panel" role="status">{text}</aside> : <p className="muted" role="status">{text}</p>;
}
