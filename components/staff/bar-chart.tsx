import type { ReactNode } from 'react';

export type Bar = { key: string; label: ReactNode; count: number; href?: string };

/**
 * A bar chart that is a data table: one row per bar with its label and number as text, the bar
 * itself drawn beside the number and hidden from screen readers (they read the number). No chart
 * library, no script; bars are SVG attributes, not inline styles, so a strict style CSP keeps them.
 */
export function BarChart({ caption, labelHeader, valueHeader, bars, format }: { caption: ReactNode; labelHeader: string; valueHeader: string; bars: Bar[]; format: (n: number) => string }) {
  const max = Math.max(1, ...bars.map((b) => b.count));
  return (
    <table className="bar-chart">
      <caption>{caption}</caption>
      <thead>
        <tr>
          <th scope="col">{labelHeader}</th>
          <th scope="col">{valueHeader}</th>
        </tr>
      </thead>
      <tbody>
        {bars.map((bar) => (
          <tr key={bar.key}>
            <th scope="row">{bar.label}</th>
            <td>
              <div className="bar-chart__cell">
                <span className="bar-chart__value">{format(bar.count)}</span>
                <svg className="bar-chart__bar" width="100%" height="14" aria-hidden="true" focusable="false">
                  <rect x="0" y="0" height="14" width={`${(bar.count / max) * 100}%`} rx="2" />
                </svg>
              </div>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
