import { useState } from 'react';
import { InfoCard } from '@backstage/core-components';
import type { StudentHourUsage } from '@internal/backstage-plugin-desktops-common';
import {
  CoursePanelProps,
  LoadStatus,
  useReloadableAsync,
} from '@internal/backstage-plugin-labstage-react';
import { Grid, Typography } from '@material-ui/core';
import { Alert } from '@material-ui/lab';
import { useDesktopsApi } from '../../api/hooks';
import { GrantHoursDialog } from './GrantHoursDialog';
import { HourBudgetForm } from './HourBudgetForm';
import { StudentHoursTable } from './StudentHoursTable';

/**
 * The course's Hours tab, for its instructors: the weekly hours per
 * student, each student's use this week, and extra hours for one student.
 */
export const CourseHoursTab = ({ courseId, courseCode }: CoursePanelProps) => {
  const api = useDesktopsApi();
  const hours = useReloadableAsync(
    () => api.getCourseHours(courseId),
    [api, courseId],
  );
  // Only for the wording of "use the installation default (20 h)".
  const defaults = useReloadableAsync(() => api.getHourDefaults(), [api]);
  const [granting, setGranting] = useState<StudentHourUsage>();
  const [granted, setGranted] = useState<string>();
  const [updated, setUpdated] = useState<StudentHourUsage[]>([]);

  const items = (hours.value?.items ?? []).map(
    row => updated.find(u => u.student === row.student) ?? row,
  );

  return (
    <Grid container spacing={3}>
      <Grid item xs={12} md={5}>
        <InfoCard
          title="Weekly hours"
          subheader={`How long each student's ${courseCode} desktop may run per week; the week starts Monday 00:00 in the course's time zone`}
        >
          <LoadStatus
            loading={hours.loading && !hours.value}
            error={hours.value ? undefined : hours.error}
          />
          {hours.value && (
            <HourBudgetForm
              courseId={courseId}
              budget={hours.value.budget}
              defaults={defaults.value}
              onSaved={() => {
                setUpdated([]);
                hours.retry();
              }}
            />
          )}
        </InfoCard>
      </Grid>
      <Grid item xs={12} md={7}>
        <InfoCard title="This week" subheader="Each student's desktop hours">
          {granted && (
            <Alert
              severity="success"
              role="status"
              onClose={() => setGranted(undefined)}
            >
              {granted}
            </Alert>
          )}
          {hours.value && items.length === 0 && (
            <Typography color="textSecondary">
              No students are enrolled yet.
            </Typography>
          )}
          {items.length > 0 && (
            <StudentHoursTable items={items} onGrant={setGranting} />
          )}
        </InfoCard>
      </Grid>
      <GrantHoursDialog
        courseId={courseId}
        student={granting}
        onClose={() => setGranting(undefined)}
        onGranted={(usage, extraHours) => {
          setUpdated(list => [
            ...list.filter(u => u.student !== usage.student),
            usage,
          ]);
          setGranted(
            `Granted ${extraHours} extra ${
              extraHours === 1 ? 'hour' : 'hours'
            } to ${usage.displayName} for this week.`,
          );
        }}
      />
    </Grid>
  );
};
