'use client';

import { useTranslations } from 'next-intl';
import { useId, useRef } from 'react';

const items = ['focus', 'arrows', 'zoom', 'enter', 'escape', 'tab'] as const;

/** A native modal dialog: it traps focus while open, closes with Esc and returns focus to its button. */
export function KeyboardHelp() {
  const t = useTranslations('map');
  const id = useId();
  const dialog = useRef<HTMLDialogElement>(null);
  return (
    <>
      <button type="button" className="button button--secondary" onClick={() => dialog.current?.showModal()}>
        {t('keyboardHelp')}
      </button>
      <dialog ref={dialog} aria-labelledby={`${id}-title`} className="dialog">
        <h2 id={`${id}-title`}>{t('keyboardHelpTitle')}</h2>
        <ul>
          {items.map((item) => (
            <li key={item}>{t(`keyboardHelpItems.${item}`)}</li>
          ))}
        </ul>
        <form method="dialog">
          <button type="submit" className="button" autoFocus>
            {t('close')}
          </button>
        </form>
      </dialog>
    </>
  );
}
