'use client';

import type { MouseEvent, ReactNode } from 'react';

/**
 * A link from an error summary to the field in error. It moves the focus there without a new entry
 * in the browser's history, so that Back, after the form was sent, leaves the page instead of
 * returning to the same page at the field (`#id`). A target that takes no focus is followed as a
 * plain link.
 */
export function FieldLink({ target, children }: { target: string; children: ReactNode }) {
  function onClick(event: MouseEvent<HTMLAnchorElement>) {
    const element = document.getElementById(target);
    element?.focus();
    if (element && document.activeElement === element) event.preventDefault();
  }
  return (
    <a href={`#${target}`} onClick={onClick}>
      {children}
    </a>
  );
}
