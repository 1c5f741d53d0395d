import type { ReactNode } from 'react';

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
    <div className="table-scroll">
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
    </div>
  );
}
