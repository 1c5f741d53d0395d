'use client';

import { useEffect, useRef, type ReactNode } from 'react';

/**
 * A message that takes the focus when it appears, e.g. on the page a server action redirected to:
 * the button that had the focus is gone, and the focus would fall back to the page's start. So the
 * message is read out, seen, and Tab goes on from it; pages show it in the section the step was
 * taken in.
 */
export function FocusOnArrival({ className, role, children }: { className: string; role?: 'status' | 'alert'; children: ReactNode }) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    ref.current?.focus();
  }, []);
  return (
    <div ref={ref} tabIndex={-1} role={role} className={className}>
      {children}
    </div>
  );
}
