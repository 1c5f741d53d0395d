'use client';

import { useEffect, useId, useRef, useState, type ButtonHTMLAttributes } from 'react';

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

/**
 * A submit button that asks once more (ConfirmQuestion) before its form is sent; Yes sends it.
 * `question` may depend on the form as it is (null: send without asking). Enter in one of the
 * form's fields clicks the button too, so it asks then as well. Without JavaScript the button sends
 * the form at once.
 */
export function SubmitAskingFirst({
  question,
  yes,
  no,
  children,
  ...buttonProps
}: { question: string | ((form: HTMLFormElement) => string | null); yes: string; no: string } & ButtonHTMLAttributes<HTMLButtonElement>) {
  const [asking, setAsking] = useState<string | null>(null);
  const buttonRef = useRef<HTMLButtonElement>(null);
  return (
    <>
      <button
        ref={buttonRef}
        type="submit"
        {...buttonProps}
        onClick={(event) => {
          const form = event.currentTarget.form;
          const asked = typeof question === 'string' ? question : form && question(form);
          if (!asked) return;
          event.preventDefault();
          setAsking(asked);
        }}
      >
        {children}
      </button>
      {asking !== null && (
        <ConfirmQuestion
          question={asking}
          yes={yes}
          no={no}
          onNo={() => {
            setAsking(null);
            buttonRef.current?.focus();
          }}
          type="submit"
          name={buttonProps.name}
          value={buttonProps.value}
          className="button"
          // Gone once the form is sent (for a form that stays); not before, or there is no Yes to send it.
          onClick={() => setTimeout(() => setAsking(null))}
        />
      )}
    </>
  );
}
