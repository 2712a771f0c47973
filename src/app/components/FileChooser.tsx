// A file input in the user's language. The browser draws `<input type="file">` with its own words
// ("Choose File / No file chosen", in the browser's language, not the app's), so the input itself is
// visually hidden and out of the tab order, and a button of ours opens its dialog; the chosen file's
// name (or 未选择文件) is shown next to it and read out with the button.
import { useId, useRef } from 'react';
import { useT } from '../i18n/use-t.ts';

export interface FileChooserProps {
  /** What to choose, shown above the button and naming the group (e.g. 文件（CSV、XLSX…）). */
  label: string;
  accept: string;
  /** The chosen file's name; null: none chosen yet. */
  fileName: string | null;
  onChange: (file: File | null) => void;
  disabled?: boolean;
  name?: string;
  testId?: string;
}

export function FileChooser({ label, accept, fileName, onChange, disabled, name, testId }: FileChooserProps) {
  const { t } = useT();
  const id = useId();
  const input = useRef<HTMLInputElement>(null);
  return (
    <div className="file-chooser" role="group" aria-labelledby={`${id}-label`} data-testid={testId}>
      <span id={`${id}-label`} className="file-chooser-label">{label}</span>
      <span className="file-chooser-row">
        <button type="button" id={`${id}-button`} disabled={disabled} onClick={() => input.current?.click()}
          aria-labelledby={`${id}-button ${id}-label`} aria-describedby={`${id}-name`}>{t('chooseFile')}</button>
        <span id={`${id}-name`} className={fileName ? 'file-name' : 'file-name muted'} data-testid={testId && `${testId}-name`}>{fileName ?? t('noFileChosen')}</span>
      </span>
      <input ref={input} type="file" name={name} accept={accept} disabled={disabled} className="sr-only" tabIndex={-1} aria-hidden="true"
        onChange={(e) => {
          onChange(e.target.files?.[0] ?? null);
          // The same file chosen again (after fixing it in Excel) must fire a change again.
          e.target.value = '';
        }} />
    </div>
  );
}
