import { useReloadableAsync } from '@internal/backstage-plugin-labstage-react';
import { useDesktopsApi } from '../../api/hooks';
import { ClassStartCard } from './ClassStartCard';
import { useSessionNow } from './useSessionNow';

/**
 * The class start card of one course away from its course page (the home
 * page's desktops card), named by the course desktop. The course's zone
 * is read once a meeting's window is on.
 */
export const ClassStartNotice = (props: {
  courseId: string;
  course: string;
}) => {
  const { courseId } = props;
  const api = useDesktopsApi();
  const now = useSessionNow(courseId, true);
  const on = Boolean(now?.occurrence && now.phase);
  const sessions = useReloadableAsync(
    async () => (on ? api.listSessions(courseId) : undefined),
    [api, courseId, on],
  );
  const timeZone = sessions.value?.timeZone;
  if (!now || !on || !timeZone) return null;
  return <ClassStartCard now={now} timeZone={timeZone} course={props.course} />;
};
