import type { StudentHourUsage } from '@internal/backstage-plugin-desktops-common';
import {
  DataColumn,
  DataTable,
} from '@internal/backstage-plugin-labstage-react';
import { Button } from '@material-ui/core';
import AddIcon from '@material-ui/icons/AddAlarm';
import { HourStateChip } from './HourStateChip';
import { allowanceText, hoursText } from './hoursText';

/** Every student's week: used, allowed, state, and a grant button. */
export const StudentHoursTable = (props: {
  items: StudentHourUsage[];
  onGrant: (student: StudentHourUsage) => void;
}) => {
  const columns: DataColumn<StudentHourUsage>[] = [
    { title: 'Student', cell: row => row.displayName },
    {
      title: 'Used',
      align: 'right',
      cell: row => `${hoursText(row.usedSeconds, 'down')} h`,
    },
    { title: 'Allowance', align: 'right', cell: allowanceText },
    { title: 'State', cell: row => <HourStateChip usage={row} /> },
    {
      title: 'Extra hours',
      cell: row => (
        <Button
          size="small"
          startIcon={<AddIcon />}
          aria-label={`Grant extra hours to ${row.displayName}`}
          disabled={row.budgetSeconds === null}
          onClick={() => props.onGrant(row)}
        >
          Grant
        </Button>
      ),
    },
  ];
  return (
    <DataTable
      label="Students' hours"
      columns={columns}
      rows={props.items}
      rowKey={row => row.student}
    />
  );
};
