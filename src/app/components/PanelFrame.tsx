// The right-hand panel's frame: kicker, focusable title, close button, Escape to close.
import { useEffect, useRef, type ReactNode } from 'react';
import { useAppStore } from '../state/store.ts';
import { useT } from '../i18n/use-t.ts';

export function PanelFrame({ kicker, title, titleId, testId, focusKey, children }: {
  kicker: string;
  title: string;
  titleId: string;
  testId: string;
  /** The heading takes the focus whenever this changes (a new feature is shown). */
  focusKey: string | number | null;
  children: ReactNode;
}) {
  const { t } = useT();
  const closePanel = useAppStore((s) => s.closePanel);
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    if (focusKey !== null) heading.current?.focus();
  }, [focusKey]);
  return (
    <aside className="panel" aria-labelledby={titleId} data-testid={testId} onKeyDown={(e) => e.key === 'Escape' && closePanel()}>
      <header>
        <div>
          <div className="kicker">{kicker}</div>
          <h2 id={titleId} ref={heading} tabIndex={-1}>{title}</h2>
        </div>
        <button type="button" className="close" onClick={closePanel} aria-label={t('close')} title={t('close')}>×</button>
      </header>
      {children}
    </aside>
  );
}
