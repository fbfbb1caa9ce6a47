import { useState } from 'react';
import {
  Content,
  EmptyState,
  Header,
  HeaderLabel,
  LinkButton,
  Page,
  Progress,
  ResponseErrorPanel,
  TabbedLayout,
  WarningPanel,
} from '@backstage/core-components';
import { useLocation } from 'react-router-dom';
import { useRouteRefParams } from '@backstage/frontend-plugin-api';
import { useCurrentAccount } from '@internal/backstage-plugin-accounts-react';
import type { CoursePanel } from '@internal/backstage-plugin-labstage-react';
import {
  errorStatus,
  useReloadableAsync,
} from '@internal/backstage-plugin-labstage-react';
import { useCoursesApi } from '../../api/hooks';
import { courseRouteRef } from '../../routes';
import { useCourseLink, useCoursesLink } from '../common/links';
import { CourseProvider, myCourseRole } from './context';
import { OverviewTab } from './OverviewTab';
import { BoardTab } from './BoardTab';
import { MaterialsTab } from './MaterialsTab';
import { RosterTab } from './RosterTab';

/** The course page, with the panels other plugins add to it. */
export const CoursePage = (props: { panels?: CoursePanel[] }) => {
  const { courseId } = useRouteRefParams(courseRouteRef);
  const coursesApi = useCoursesApi();
  const coursesLink = useCoursesLink();
  const courseLink = useCourseLink();
  const { value: me } = useCurrentAccount();
  const { pathname } = useLocation();
  const [left, setLeft] = useState(false);
  const {
    value: course,
    loading,
    error,
    retry,
  } = useReloadableAsync(
    () => coursesApi.getCourse(courseId),
    [coursesApi, courseId],
  );

  if (left) {
    return (
      <Page themeId="home">
        <Header title="Course left" />
        <Content>
          <EmptyState
            missing="data"
            title="You left the course"
            description="You can join it again at any time with its join code."
            action={
              <LinkButton to={coursesLink} variant="contained" color="primary">
                Back to courses
              </LinkButton>
            }
          />
        </Content>
      </Page>
    );
  }

  if (loading && !course) {
    return (
      <Page themeId="home">
        <Header title="Course" />
        <Content>
          <Progress />
        </Content>
      </Page>
    );
  }

  if (error || !course) {
    const status = errorStatus(error);
    return (
      <Page themeId="home">
        <Header title="Course" />
        <Content>
          {status === 404 || status === 403 ? (
            <EmptyState
              missing="info"
              title={status === 404 ? 'Course not found' : 'Not enrolled'}
              description={
                status === 404
                  ? 'This course does not exist, or it was removed.'
                  : 'You are not a member of this course. Ask your instructor for its join code.'
              }
              action={
                <LinkButton
                  to={coursesLink}
                  variant="contained"
                  color="primary"
                >
                  Back to courses
                </LinkButton>
              }
            />
          ) : (
            <ResponseErrorPanel
              error={error ?? new Error('Course not found')}
            />
          )}
        </Content>
      </Page>
    );
  }

  const role = myCourseRole(course);
  const canManage = me?.role === 'admin' || role === 'instructor';
  const isStudent = role === 'student';
  const panels = (props.panels ?? []).filter(p => canManage || !p.managersOnly);
  const ctx = { course, me, canManage, isStudent, reload: retry, panels };
  const panelProps = {
    courseId: course.id,
    courseCode: course.code,
    canManage,
    isStudent,
  };

  const tabs = [
    <TabbedLayout.Route key="overview" path="/" title="Overview">
      <OverviewTab onLeft={() => setLeft(true)} />
    </TabbedLayout.Route>,
    <TabbedLayout.Route key="ann" path="/announcements" title="Announcements">
      <BoardTab board="announcements" />
    </TabbedLayout.Route>,
    <TabbedLayout.Route key="qa" path="/qa" title="Q&A">
      <BoardTab board="qa" />
    </TabbedLayout.Route>,
    <TabbedLayout.Route key="materials" path="/materials" title="Materials">
      <MaterialsTab />
    </TabbedLayout.Route>,
  ];
  for (const panel of panels) {
    if (panel.placement.area !== 'tab') continue;
    const Panel = panel.component;
    tabs.push(
      <TabbedLayout.Route
        key={panel.placement.path}
        path={`/${panel.placement.path}`}
        title={panel.title}
      >
        <Panel {...panelProps} />
      </TabbedLayout.Route>,
    );
  }
  if (canManage) {
    tabs.push(
      <TabbedLayout.Route key="roster" path="/roster" title="Roster">
        <RosterTab />
      </TabbedLayout.Route>,
    );
  }

  return (
    <CourseProvider value={ctx}>
      <Page themeId="home">
        <Header
          title={course.title}
          subtitle={[course.code, course.term].filter(Boolean).join(' · ')}
          type="Course"
          typeLink={coursesLink}
        >
          {course.archived && <HeaderLabel label="Status" value="Archived" />}
          <HeaderLabel label="Time zone" value={course.timeZone} />
          {role && (
            <HeaderLabel
              label="Your role"
              value={role === 'instructor' ? 'Instructor' : 'Student'}
            />
          )}
        </Header>
        {!canManage && /\/roster\/?$/.test(pathname) ? (
          // A typed or shared roster link: say why instead of silently showing another tab.
          <Content>
            <WarningPanel
              severity="error"
              title="The roster is for the course's instructors only"
              message="Ask your instructor if you need to know who else is in this course."
            />
            <LinkButton
              to={courseLink(course.id)}
              variant="outlined"
              style={{ marginTop: 16 }}
            >
              Back to the course
            </LinkButton>
          </Content>
        ) : (
          <TabbedLayout>{tabs}</TabbedLayout>
        )}
      </Page>
    </CourseProvider>
  );
};
