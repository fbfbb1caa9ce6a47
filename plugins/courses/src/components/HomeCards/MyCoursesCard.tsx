import { useState } from 'react';
import {
  EmptyState,
  InfoCard,
  Link,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import {
  Button,
  Chip,
  List,
  ListItem,
  ListItemText,
  makeStyles,
} from '@material-ui/core';
import GroupAddIcon from '@material-ui/icons/GroupAdd';
import { useCoursesApi } from '../../api/hooks';
import { useCourseLink, useCoursesLink } from '../common/links';
import { JoinCourseDialog } from '../CoursesPage/JoinCourseDialog';
import { useReloadableAsync } from '@internal/backstage-plugin-accounts-react';

const useStyles = makeStyles(theme => ({
  code: {
    fontFamily: 'monospace',
    fontWeight: 600,
    marginRight: theme.spacing(1.5),
    minWidth: 72,
  },
}));

/**
 * Home page card: the signed-in user's courses, with a Join button.
 *
 * @public
 */
export const MyCoursesCard = () => {
  const classes = useStyles();
  const coursesApi = useCoursesApi();
  const courseLink = useCourseLink();
  const coursesLink = useCoursesLink();
  const [joinOpen, setJoinOpen] = useState(false);
  const { value, loading, error, retry } = useReloadableAsync(
    () => coursesApi.listCourses('mine'),
    [coursesApi],
  );
  const courses = (value ?? [])
    .filter(c => !c.archived)
    .sort((a, b) => a.code.localeCompare(b.code));

  return (
    <InfoCard
      title="My courses"
      action={
        <Button
          color="primary"
          startIcon={<GroupAddIcon />}
          onClick={() => setJoinOpen(true)}
          style={{ marginTop: 8 }}
        >
          Join
        </Button>
      }
      deepLink={{ title: 'All my courses', link: coursesLink }}
    >
      {loading && !value && <Progress />}
      {error && <ResponseErrorPanel error={error} />}
      {value && courses.length === 0 && (
        <EmptyState
          missing="data"
          title="No courses yet"
          description="Got a join code from your instructor? Press Join to enter it."
        />
      )}
      {courses.length > 0 && (
        <List dense disablePadding>
          {courses.map(c => (
            <ListItem
              key={c.id}
              button
              component={Link}
              to={courseLink(c.id)}
              // ButtonBase would announce the anchor as a button; it navigates.
              role="link"
              divider
            >
              <Chip size="small" label={c.code} className={classes.code} />
              <ListItemText primary={c.title} secondary={c.term || undefined} />
            </ListItem>
          ))}
        </List>
      )}
      <JoinCourseDialog
        open={joinOpen}
        onClose={() => setJoinOpen(false)}
        onJoined={retry}
      />
    </InfoCard>
  );
};
