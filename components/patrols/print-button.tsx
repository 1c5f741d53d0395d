'use client';

/** Opens the browser's print dialog (the page's print stylesheet shapes the result). */
export function PrintButton({ label }: { label: string }) {
  return (
    <button type="button" className="button" onClick={() => window.print()}>
      {label}
    </button>
  );
}
