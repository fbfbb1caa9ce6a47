import { Tooltip } from '@material-ui/core';
import { DateTime } from 'luxon';

/**
 * "3 days ago", with the exact time as a tooltip.
 *
 * @public
 */
export const RelativeTime = ({ iso }: { iso: string }) => {
  const dt = DateTime.fromISO(iso);
  if (!dt.isValid) return <span>—</span>;
  const absolute = dt.toLocaleString(DateTime.DATETIME_MED);
  return (
    // The tooltip gives the time element its accessible title; a title
    // attribute as well would show a second, native tooltip.
    <Tooltip title={absolute}>
      <time dateTime={iso}>{dt.toRelative()}</time>
    </Tooltip>
  );
};
