import { getTranslations } from 'next-intl/server';
import { getFormatter } from '@/lib/i18n/format';
import type { CellPriority } from '@/lib/priorities/rank';
import { dayKinds, slotId } from '@/lib/priorities/slots';
import { timesOfDay } from '@/lib/reports/types';
import { TableScroll } from '@/components/data-table';

/**
 * The week-by-slot grid of one cell as a table (times of day × weekday/weekend): S per slot and its
 * share of the cell's total, so a patrol team sees when people feel unsafe there. The largest slot is
 * marked in words as well as in bold.
 */
export async function SlotGrid({ priority, caption }: { priority: CellPriority; caption: string }) {
  const [t, format] = await Promise.all([getTranslations('priorities.grid'), getFormatter()]);
  const values = Object.values(priority.slots);
  const max = Math.max(...values);
  const total = values.reduce((a, b) => a + b, 0);
  return (
    <TableScroll label={caption}>
      <table className="data-table slot-grid">
        <caption>{caption}</caption>
        <thead>
          <tr>
            <td />
            {dayKinds.map((kind) => (
              <th scope="col" key={kind}>
                {t(kind)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {timesOfDay.map((time) => (
            <tr key={time}>
              <th scope="row">{t(time)}</th>
              {dayKinds.map((kind) => {
                const value = priority.slots[slotId(time, kind)];
                const peak = value > 0 && value === max;
                return (
                  <td key={kind} className={`numeric${peak ? ' slot-grid__peak' : ''}`}>
                    {format.number(value, { maximumFractionDigits: 2, minimumFractionDigits: 2 })}
                    {total > 0 && ` (${format.number(value / total, { style: 'percent', maximumFractionDigits: 0 })})`}
                    {peak && <span className="visually-hidden"> {t('peak')}</span>}
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </TableScroll>
  );
}
