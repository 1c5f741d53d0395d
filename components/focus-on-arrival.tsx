'use client';

import { useEffect, useRef, type ReactNode } from 'react';

/**
 * For the message where a form reports back: focused after every answer (each answer is a new
 * state), so a screen reader reads it and the keyboard goes on from there; the submit button,
 * disabled while the form was sent, has lost the focus.
 */
export function useFocusOnAnswer<E extends HTMLElement = HTMLDivElement>(state: { status: string }) {
  const ref = useRef<E>(null);
  useEffect(() => {
    if (state.status !== 'idle') ref.current?.focus();
  }, [state]);
  return ref;
}

/**
 * A message that takes the focus when it appears, e.g. on the page a server action redirected to:
 * the button that had the focus is gone, and the focus would fall back to the page's start. So the
 * message is read out, seen, and Tab goes on from it; pages show it in the section the step was
 * taken in.
 */
export function FocusOnArrival({
  className,
  role,
  param,
  children,
}: {
  className: string;
  role?: 'status' | 'alert';
  /**
   * The query parameter that brought the message (`?new=1`), taken from the address once shown,
   * so that a reload or a bookmark of the page does not bring it back.
   */
  param?: string;
  children: ReactNode;
}) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    ref.current?.focus();
    if (!param) return;
    const url = new URL(window.location.href);
    if (!url.searchParams.has(param)) return;
    url.searchParams.delete(param);
    window.history.replaceState(window.history.state, '', url);
  }, [param]);
  return (
    <div ref={ref} tabIndex={-1} role={role} className={className}>
      {children}
    </div>
  );
}
