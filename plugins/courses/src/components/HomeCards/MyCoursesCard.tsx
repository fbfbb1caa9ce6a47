import { useState } from 'react';
import {
  HomeCard,
  HomeCardLink,
  HomeCardList,
  useReloadableAsync,
} from '@internal/backstage-plugin-labstage-react';
import { Button, Chip, ListItemText, makeStyles } from '@material-ui/core';
import GroupAddIcon from '@material-ui/icons/GroupAdd';
import { useCoursesApi } from '../../api/hooks';
import { useCourseLink, useCoursesLink } from '../common/links';
import { JoinCourseDialog } from '../CoursesPage/JoinCourseDialog';

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
    <HomeCard
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
      loading={loading && !value}
      error={error}
      empty={
        value && courses.length === 0
          ? {
              missing: 'data',
              title: 'No courses yet',
              description:
                'Got a join code from your instructor? Press Join to enter it.',
            }
          : undefined
      }
    >
      {courses.length > 0 && (
        <HomeCardList>
          {courses.map(c => (
            <HomeCardLink key={c.id} to={courseLink(c.id)}>
              <Chip size="small" label={c.code} className={classes.code} />
              <ListItemText primary={c.title} secondary={c.term || undefined} />
            </HomeCardLink>
          ))}
        </HomeCardList>
      )}
      <JoinCourseDialog
        open={joinOpen}
        onClose={() => setJoinOpen(false)}
        onJoined={retry}
      />
    </HomeCard>
  );
};
