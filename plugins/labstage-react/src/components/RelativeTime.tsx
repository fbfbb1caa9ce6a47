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
    <Tooltip title={absolute}>
      <time dateTime={iso} title={absolute}>
        {dt.toRelative()}
      </time>
    </Tooltip>
  );
};
