import {
  EmptyState,
  InfoCard,
  Link,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import {
  List,
  ListItem,
  ListItemText,
  makeStyles,
  Typography,
} from '@material-ui/core';
import { useCoursesApi } from '../../api/hooks';
import { RecentAnnouncement } from '../../api/CoursesClient';
import { RelativeTime } from '../common/RelativeTime';
import { useCourseLink } from '../common/links';
import { useReloadableAsync } from '@internal/backstage-plugin-accounts-react';

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
    <InfoCard title="Recent announcements">
      {loading && !value && <Progress />}
      {error && <ResponseErrorPanel error={error} />}
      {value && value.length === 0 && (
        <EmptyState
          missing="content"
          title="Nothing new"
          description="Announcements from your instructors will show up here."
        />
      )}
      {value && value.length > 0 && (
        <List dense disablePadding>
          {value.map(a => (
            <ListItem
              key={a.id}
              button
              component={Link}
              to={courseLink(a.courseId, 'announcements')}
              // ButtonBase would announce the anchor as a button; it navigates.
              role="link"
              divider
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
            </ListItem>
          ))}
        </List>
      )}
    </InfoCard>
  );
};
