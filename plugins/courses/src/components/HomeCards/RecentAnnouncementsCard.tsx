import {
  HomeCard,
  HomeCardLink,
  HomeCardList,
  RelativeTime,
  useReloadableAsync,
} from '@internal/backstage-plugin-labstage-react';
import { ListItemText, makeStyles, Typography } from '@material-ui/core';
import type { RecentAnnouncement } from '@internal/backstage-plugin-courses-common';
import { useCoursesApi } from '../../api/hooks';
import { useCourseLink } from '../common/links';

const useStyles = makeStyles(theme => ({
  course: {
    fontWeight: 600,
    color: theme.palette.primary.main,
    textTransform: 'uppercase',
    fontSize: 11,
    letterSpacing: 0.5,
  },
}));

function courseLabel(a: RecentAnnouncement): string {
  return [a.courseCode, a.courseTitle].filter(Boolean).join(' · ') || 'Course';
}

/**
 * Home page card: the latest announcements across the user's courses.
 *
 * @public
 */
export const RecentAnnouncementsCard = () => {
  const classes = useStyles();
  const coursesApi = useCoursesApi();
  const courseLink = useCourseLink();
  const { value, loading, error } = useReloadableAsync(
    () => coursesApi.recentAnnouncements(),
    [coursesApi],
  );
  return (
    <HomeCard
      title="Recent announcements"
      loading={loading && !value}
      error={error}
      empty={
        value && value.length === 0
          ? {
              missing: 'content',
              title: 'Nothing new',
              description:
                'Announcements from your instructors will show up here.',
            }
          : undefined
      }
    >
      {value && value.length > 0 && (
        <HomeCardList>
          {value.map(a => (
            <HomeCardLink
              key={a.id}
              to={courseLink(a.courseId, 'announcements')}
              alignItems="flex-start"
            >
              <ListItemText
                primary={
                  <>
                    <Typography
                      component="span"
                      className={classes.course}
                      display="block"
                    >
                      {courseLabel(a)}
                    </Typography>
                    {a.title}
                  </>
                }
                secondary={<RelativeTime iso={a.createdAt} />}
              />
            </HomeCardLink>
          ))}
        </HomeCardList>
      )}
    </HomeCard>
  );
};
