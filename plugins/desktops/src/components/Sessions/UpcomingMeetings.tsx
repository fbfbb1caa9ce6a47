import { useState } from 'react';
import { InfoCard } from '@backstage/core-components';
import type { ClassSessionView } from '@internal/backstage-plugin-desktops-common';
import {
  ConfirmDialog,
  DataColumn,
  DataTable,
  DismissibleError,
  errorMessage,
  LoadStatus,
  useReloadableAsync,
} from '@internal/backstage-plugin-labstage-react';
import { Button, Chip, Typography } from '@material-ui/core';
import { useDesktopsApi } from '../../api/hooks';
import { meetingSpanText, meetingText } from './scheduleText';
import {
  UPCOMING_DAYS,
  UpcomingMeeting,
  upcomingMeetings,
  upcomingWindow,
} from './upcomingMeetings';

type Pending = { meeting: UpcomingMeeting; action: 'cancel' | 'restore' };

/**
 * The single meetings of the next weeks; instructors cancel one (no
 * desktops start for it) or restore a cancelled one, after confirming.
 */
export const UpcomingMeetings = (props: {
  courseId: string;
  timeZone: string;
  sessions: ClassSessionView[];
  canManage: boolean;
  /** A meeting was cancelled or restored: the sessions changed. */
  onChanged: () => void;
}) => {
  const { courseId, timeZone, sessions, canManage } = props;
  const api = useDesktopsApi();
  const [pending, setPending] = useState<Pending>();
  const [error, setError] = useState<string>();
  // Read again with every new list of sessions, from the time of reading.
  const occurrences = useReloadableAsync(async () => {
    const span = upcomingWindow();
    const { items } = await api.listOccurrences(courseId, span.from, span.to);
    return upcomingMeetings(items, sessions, timeZone, span);
  }, [api, courseId, sessions, timeZone]);
  const meetings = occurrences.value;

  const act = async ({ meeting, action }: Pending) => {
    try {
      if (action === 'cancel') {
        await api.cancelOccurrence(courseId, meeting.sessionId, meeting.date);
      } else {
        await api.restoreOccurrence(courseId, meeting.sessionId, meeting.date);
      }
      setError(undefined);
      props.onChanged();
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setPending(undefined);
    }
  };

  const columns: DataColumn<UpcomingMeeting>[] = [
    {
      title: 'When',
      cell: m => meetingSpanText(m.start, m.end, timeZone),
    },
    { title: 'Session', cell: m => m.title },
    {
      title: 'Status',
      cell: m =>
        m.cancelled ? (
          <Chip size="small" label="Cancelled" />
        ) : (
          <Typography variant="body2">Scheduled</Typography>
        ),
    },
  ];
  if (canManage) {
    columns.push({
      title: 'Actions',
      align: 'right',
      cell: m => {
        const when = meetingText(m.start, timeZone);
        return m.cancelled ? (
          <Button
            size="small"
            aria-label={`Restore ${m.title} on ${when}`}
            onClick={() => setPending({ meeting: m, action: 'restore' })}
          >
            Restore
          </Button>
        ) : (
          <Button
            size="small"
            aria-label={`Cancel ${m.title} on ${when}`}
            onClick={() => setPending({ meeting: m, action: 'cancel' })}
          >
            Cancel meeting
          </Button>
        );
      },
    });
  }

  return (
    <InfoCard
      title="Upcoming meetings"
      subheader={`Next ${UPCOMING_DAYS} days`}
    >
      <DismissibleError message={error} onDismiss={() => setError(undefined)} />
      <LoadStatus
        loading={occurrences.loading && !meetings}
        error={meetings ? undefined : occurrences.error}
      />
      {meetings && meetings.length === 0 && (
        <Typography color="textSecondary">
          {`No meetings in the next ${UPCOMING_DAYS} days.`}
        </Typography>
      )}
      {meetings && meetings.length > 0 && (
        <DataTable
          label="Upcoming meetings"
          columns={columns}
          rows={meetings}
          rowKey={m => `${m.sessionId}/${m.date}`}
          rowTestId="upcoming-meeting"
        />
      )}
      {pending && (
        <ConfirmDialog
          open
          title={
            pending.action === 'cancel'
              ? `Cancel the meeting on ${meetingText(
                  pending.meeting.start,
                  timeZone,
                )}?`
              : `Restore the meeting on ${meetingText(
                  pending.meeting.start,
                  timeZone,
                )}?`
          }
          confirmLabel={
            pending.action === 'cancel' ? 'Cancel meeting' : 'Restore meeting'
          }
          destructive={pending.action === 'cancel'}
          onClose={() => setPending(undefined)}
          onConfirm={() => act(pending)}
        >
          {pending.action === 'cancel'
            ? `${pending.meeting.title} does not meet then: no desktops are started for it. You can restore it later.`
            : `${pending.meeting.title} meets then again, and students' desktops warm up before it.`}
        </ConfirmDialog>
      )}
    </InfoCard>
  );
};
