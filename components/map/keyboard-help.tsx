'use client';

import { useTranslations } from 'next-intl';
import { useId, useRef } from 'react';

const items = ['focus', 'arrows', 'zoom', 'enter', 'escape', 'tab'] as const;

/**
 * A native modal dialog: it traps focus while open, closes with Esc and returns focus to its button.
 * `items` replaces the picker's help for maps without a pin to set (already translated).
 */
export function KeyboardHelp({ items: custom }: { items?: string[] } = {}) {
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
          {(custom ?? items.map((item) => t(`keyboardHelpItems.${item}`))).map((text) => (
            <li key={text}>{text}</li>
          ))}
        </ul>
        {/* No <form method="dialog">: the help sits inside the report form, and a form inside a
            form is dropped by the HTML parser, so the server-rendered page would not hydrate. */}
        <button type="button" className="button" autoFocus onClick={() => dialog.current?.close()}>
          {t('close')}
        </button>
      </dialog>
    </>
  );
}
