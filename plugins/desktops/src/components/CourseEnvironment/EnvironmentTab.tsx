import { InfoCard } from '@backstage/core-components';
import type {
  CourseEnvironment,
  Desktop,
} from '@internal/backstage-plugin-desktops-common';
import {
  CoursePanelProps,
  DataColumn,
  DataTable,
  LoadStatus,
  RelativeTime,
  useReloadableAsync,
} from '@internal/backstage-plugin-labstage-react';
import { Grid, Typography } from '@material-ui/core';
import useInterval from 'react-use/esm/useInterval';
import { useDesktopsApi } from '../../api/hooks';
import { formatResources, ownerName } from '../common/format';
import { StateChip } from '../common/StateChip';
import { EnvironmentCard } from './EnvironmentCard';
import { PublishEnvironmentForm } from './PublishEnvironmentForm';

/** How often the students' table refreshes: states change as they work. */
const REFRESH_MS = 5000;

/**
 * The course's Environment tab, for its instructors: publish a version,
 * the versions so far, and which students have launched, in which state
 * and on which version.
 */
export const EnvironmentTab = (props: CoursePanelProps) => {
  const { courseId } = props;
  const api = useDesktopsApi();
  const versions = useReloadableAsync(
    () => api.listEnvironmentVersions(courseId),
    [api, courseId],
  );
  const desktops = useReloadableAsync(
    () => api.listCourseDesktops(courseId),
    [api, courseId],
  );
  useInterval(desktops.retry, REFRESH_MS);
  const latest = versions.value?.[0]?.version;

  const desktopColumns: DataColumn<Desktop>[] = [
    { title: 'Student', cell: desktop => ownerName(desktop.owner) },
    { title: 'State', cell: desktop => <StateChip state={desktop.state} /> },
    {
      title: 'Version',
      cell: desktop => (
        <>
          {desktop.environmentVersion ?? '—'}
          {latest !== undefined &&
            desktop.environmentVersion !== null &&
            desktop.environmentVersion < latest && (
              <Typography
                component="span"
                variant="caption"
                color="textSecondary"
              >
                {' '}
                (not updated)
              </Typography>
            )}
        </>
      ),
    },
    { title: 'Resources', cell: desktop => formatResources(desktop.resources) },
    {
      title: 'Last active',
      cell: desktop =>
        desktop.lastActiveAt ? (
          <RelativeTime iso={desktop.lastActiveAt} />
        ) : (
          'never'
        ),
    },
  ];
  const versionColumns: DataColumn<CourseEnvironment>[] = [
    {
      title: 'Version',
      cell: v => (
        <>
          {v.version}
          {v.version === latest ? ' (current)' : ''}
        </>
      ),
    },
    { title: 'Image', cell: v => <code>{v.imageRef}</code> },
    { title: 'Resources', cell: v => formatResources(v.resources) },
    {
      title: 'Published',
      cell: v => (
        <>
          <RelativeTime iso={v.publishedAt} /> by {ownerName(v.publishedBy)}
        </>
      ),
    },
    { title: 'Description', cell: v => v.description },
  ];

  return (
    <Grid container spacing={3}>
      <Grid item xs={12} md={6}>
        <EnvironmentCard {...props} />
      </Grid>
      <Grid item xs={12} md={6}>
        <PublishEnvironmentForm
          courseId={courseId}
          onPublished={() => {
            versions.retry();
            desktops.retry();
          }}
        />
      </Grid>
      <Grid item xs={12}>
        <InfoCard title="Students' desktops">
          <LoadStatus
            loading={desktops.loading && !desktops.value}
            error={desktops.error}
            empty={
              desktops.value?.length === 0
                ? {
                    missing: 'data',
                    title: 'Nobody has launched yet',
                    description:
                      'Students appear here once they click Launch on the course page.',
                  }
                : undefined
            }
          />
          {desktops.value && desktops.value.length > 0 && (
            <DataTable
              label="Students' desktops"
              columns={desktopColumns}
              rows={desktops.value}
              rowKey={desktop => desktop.id}
              rowTestId="course-desktop-row"
            />
          )}
        </InfoCard>
      </Grid>
      <Grid item xs={12}>
        <InfoCard title="Versions">
          <LoadStatus
            loading={versions.loading && !versions.value}
            error={versions.error}
            empty={
              versions.value?.length === 0
                ? {
                    missing: 'data',
                    title: 'Nothing published yet',
                    description:
                      'Publish one of your saved images above; it becomes version 1.',
                  }
                : undefined
            }
          />
          {versions.value && versions.value.length > 0 && (
            <DataTable
              label="Environment versions"
              columns={versionColumns}
              rows={versions.value}
              rowKey={v => v.version}
            />
          )}
        </InfoCard>
      </Grid>
    </Grid>
  );
};
