import type { ReactNode } from 'react';

/**
 * The box a wide table scrolls sideways in on narrow screens. It takes the keyboard focus (a
 * keyboard user scrolls it with the arrow keys, also to columns without links) and is a region
 * named like its table. Its caption stays in view (globals.css).
 */
export function TableScroll({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="table-scroll" tabIndex={0} role="region" aria-label={label}>
      {children}
    </div>
  );
}

/**
 * A table of records that scrolls sideways on narrow screens: a caption (for screen readers only
 * unless `showCaption`) and a header cell per column; the rows are the children (a row's first cell
 * may be a `th scope="row"`).
 */
export function DataTable({
  caption,
  showCaption = false,
  columns,
  children,
}: {
  caption: string;
  showCaption?: boolean;
  columns: ReactNode[];
  children: ReactNode;
}) {
  return (
    <TableScroll label={caption}>
      <table className="data-table">
        <caption className={showCaption ? undefined : 'visually-hidden'}>{caption}</caption>
        <thead>
          <tr>
            {columns.map((column, index) => (
              <th scope="col" key={index}>
                {column}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>{children}</tbody>
      </table>
    </TableScroll>
  );
}
