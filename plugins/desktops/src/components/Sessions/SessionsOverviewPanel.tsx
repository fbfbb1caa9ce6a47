import { useEffect, useRef } from 'react';
import {
  CoursePanelProps,
  useReloadableAsync,
} from '@internal/backstage-plugin-labstage-react';
import { Box, Typography } from '@material-ui/core';
import { useDesktopsApi } from '../../api/hooks';
import { ClassStartCard } from './ClassStartCard';
import { NextSessionLine } from './NextSessionLine';
import { useSessionNow } from './useSessionNow';

/**
 * The course Overview's class sessions panel: a student's "Class starts
 * at 9:00: your desktop is ready" while a meeting's window is on, else the
 * "Next session: Tue 9:00" line. Quiet for students of a course without
 * sessions.
 */
export const SessionsOverviewPanel = (props: CoursePanelProps) => {
  const { courseId, canManage, isStudent } = props;
  const api = useDesktopsApi();
  const sessions = useReloadableAsync(
    () => api.listSessions(courseId),
    [api, courseId],
  );
  const now = useSessionNow(courseId, isStudent);

  // The next meeting moves on when one begins or ends: read it again then.
  const meeting = now?.occurrence
    ? `${now.occurrence.sessionId}/${now.occurrence.start}`
    : '';
  const shownMeeting = useRef(meeting);
  const { retry } = sessions;
  useEffect(() => {
    if (shownMeeting.current !== meeting) retry();
    shownMeeting.current = meeting;
  }, [meeting, retry]);

  const timeZone = sessions.value?.timeZone;
  if (timeZone && now?.occurrence && now.phase) {
    return <ClassStartCard now={now} timeZone={timeZone} />;
  }
  if (sessions.value) {
    return <NextSessionLine sessions={sessions.value} canManage={canManage} />;
  }
  if (sessions.error && canManage) {
    return (
      <Box role="alert">
        <Typography color="error" variant="body2">
          {`Sessions could not be read: ${sessions.error.message}`}
        </Typography>
      </Box>
    );
  }
  return null;
};
