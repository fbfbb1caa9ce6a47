import { useState } from 'react';
import {
  Content,
  EmptyState,
  Header,
  Page,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { alertApiRef, useApi } from '@backstage/core-plugin-api';
import {
  isStaff,
  useCurrentAccount,
} from '@internal/backstage-plugin-accounts-react';
import { useReloadableAsync } from '@internal/backstage-plugin-labstage-react';
import type { Course } from '@internal/backstage-plugin-courses-common';
import { Box, Button, Grid, makeStyles, Tab, Tabs } from '@material-ui/core';
import AddIcon from '@material-ui/icons/Add';
import GroupAddIcon from '@material-ui/icons/GroupAdd';
import { CourseListScope } from '@internal/backstage-plugin-courses-common';
import { useCoursesApi } from '../../api/hooks';
import { CourseCard } from './CourseCard';
import { CourseFormDialog } from './CourseFormDialog';
import { JoinCourseDialog } from './JoinCourseDialog';

const useStyles = makeStyles(theme => ({
  headerActions: { display: 'flex', gap: theme.spacing(1) },
  headerButton: {
    color: theme.palette.common.white,
    borderColor: 'rgba(255,255,255,0.7)',
  },
  tabs: { marginBottom: theme.spacing(3) },
}));

const CourseGrid = (props: {
  scope: CourseListScope;
  reloadKey: number;
  onJoin: () => void;
}) => {
  const coursesApi = useCoursesApi();
  const { value, loading, error, retry } = useReloadableAsync(
    () => coursesApi.listCourses(props.scope),
    [coursesApi, props.scope, props.reloadKey],
  );
  if (loading && !value) return <Progress />;
  if (error) return <ResponseErrorPanel error={error} />;
  const courses = [...(value ?? [])].sort(
    (a, b) =>
      Number(a.archived) - Number(b.archived) || a.code.localeCompare(b.code),
  );
  if (courses.length === 0) {
    return props.scope === 'mine' ? (
      <EmptyState
        missing="data"
        title="You are not in any course yet"
        description="Ask your instructor for a join code, then use “Join a course” to see its announcements, Q&A and materials."
        action={
          <Button variant="contained" color="primary" onClick={props.onJoin}>
            Join a course
          </Button>
        }
      />
    ) : (
      <EmptyState
        missing="data"
        title="No courses yet"
        description="Create the first course; students join it with the code it gets."
        action={
          <Button variant="outlined" onClick={retry}>
            Refresh
          </Button>
        }
      />
    );
  }
  return (
    <Grid container spacing={3}>
      {courses.map(course => (
        <Grid item xs={12} sm={6} lg={4} key={course.id}>
          <CourseCard course={course} />
        </Grid>
      ))}
    </Grid>
  );
};

export const CoursesPage = () => {
  const classes = useStyles();
  const coursesApi = useCoursesApi();
  const alertApi = useApi(alertApiRef);
  const { value: account } = useCurrentAccount();
  const staff = isStaff(account?.role);
  const [scope, setScope] = useState<CourseListScope>('mine');
  const [joinOpen, setJoinOpen] = useState(false);
  const [createOpen, setCreateOpen] = useState(false);
  const [reloadKey, setReloadKey] = useState(0);
  const reload = () => setReloadKey(k => k + 1);

  return (
    <Page themeId="home">
      <Header title="Courses" subtitle="Your classes, their news and materials">
        <div className={classes.headerActions}>
          <Button
            variant="outlined"
            className={classes.headerButton}
            startIcon={<GroupAddIcon />}
            onClick={() => setJoinOpen(true)}
          >
            Join a course
          </Button>
          {staff && (
            <Button
              variant="contained"
              color="secondary"
              startIcon={<AddIcon />}
              onClick={() => setCreateOpen(true)}
            >
              Create course
            </Button>
          )}
        </div>
      </Header>
      <Content>
        {staff ? (
          <Tabs
            value={scope}
            onChange={(_, v) => setScope(v)}
            indicatorColor="primary"
            textColor="primary"
            className={classes.tabs}
          >
            <Tab value="mine" label="My courses" />
            <Tab value="all" label="All courses" />
          </Tabs>
        ) : (
          <Box mb={1} />
        )}
        <CourseGrid
          scope={scope}
          reloadKey={reloadKey}
          onJoin={() => setJoinOpen(true)}
        />
      </Content>
      <JoinCourseDialog
        open={joinOpen}
        onClose={() => setJoinOpen(false)}
        onJoined={reload}
      />
      {staff && (
        <CourseFormDialog
          open={createOpen}
          onClose={() => setCreateOpen(false)}
          onSubmit={async input => {
            const course: Course = await coursesApi.createCourse(input);
            setCreateOpen(false);
            alertApi.post({
              message: `Created ${course.code}. Open it to find its join code.`,
              severity: 'success',
              display: 'transient',
            });
            setScope('mine');
            reload();
          }}
        />
      )}
    </Page>
  );
};
