'use client';

import { useEffect, useId, useRef, type ButtonHTMLAttributes } from 'react';

/**
 * Asks once more before a step that cannot be undone. Yes takes the focus when the question
 * appears and has the question as its description; No is the caller's (`onNo`), which hands the
 * focus back to the button that asked. The rest of the props go to Yes: a submit button of a form,
 * or a button with its own onClick.
 */
export function ConfirmQuestion({
  question,
  yes,
  no,
  onNo,
  ...yesProps
}: { question: string; yes: string; no: string; onNo: () => void } & ButtonHTMLAttributes<HTMLButtonElement>) {
  const id = useId();
  const yesRef = useRef<HTMLButtonElement>(null);
  useEffect(() => yesRef.current?.focus(), []);
  return (
    <p className="confirm-question">
      <span id={id}>{question}</span>{' '}
      <button ref={yesRef} aria-describedby={id} {...yesProps}>
        {yes}
      </button>{' '}
      <button type="button" className="button button--link" onClick={onNo}>
        {no}
      </button>
    </p>
  );
}
