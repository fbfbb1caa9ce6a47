import { useEffect } from 'react';
import { InfoCard } from '@backstage/core-components';
import {
  CoursePanelProps,
  LoadStatus,
  useReloadableAsync,
} from '@internal/backstage-plugin-labstage-react';
import { useDesktopsApi } from '../../api/hooks';
import { HourMeter } from './HourMeter';

/** The meter moves while the desktop runs; a minute is its resolution. */
export const METER_REFRESH_MS = 60_000;

const StudentHourMeter = ({ courseId }: { courseId: string }) => {
  const api = useDesktopsApi();
  const usage = useReloadableAsync(
    () => api.getMyHours(courseId),
    [api, courseId],
  );
  const { retry } = usage;
  useEffect(() => {
    const timer = setInterval(retry, METER_REFRESH_MS);
    return () => clearInterval(timer);
  }, [retry]);

  return (
    <InfoCard
      title="Desktop hours"
      subheader="How long your course desktop may run each week"
    >
      <LoadStatus
        loading={usage.loading && !usage.value}
        error={usage.value ? undefined : usage.error}
      />
      {usage.value && <HourMeter usage={usage.value} />}
    </InfoCard>
  );
};

/**
 * The course Overview's "Desktop hours" card: the student's own use of
 * the course's weekly hours. Instructors see every student's in the Hours
 * tab instead, so the card is the students' only.
 */
export const HourMeterCard = (props: CoursePanelProps) => {
  if (!props.isStudent) return null;
  return <StudentHourMeter courseId={props.courseId} />;
};
