import { InfoCard } from '@backstage/core-components';
import {
  CoursePanelProps,
  LoadStatus,
  RelativeTime,
  useReloadableAsync,
} from '@internal/backstage-plugin-labstage-react';
import {
  Grid,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableRow,
  Typography,
} from '@material-ui/core';
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
            <Table size="small" aria-label="Students' desktops">
              <TableHead>
                <TableRow>
                  <TableCell>Student</TableCell>
                  <TableCell>State</TableCell>
                  <TableCell>Version</TableCell>
                  <TableCell>Resources</TableCell>
                  <TableCell>Last active</TableCell>
                </TableRow>
              </TableHead>
              <TableBody>
                {desktops.value.map(desktop => (
                  <TableRow key={desktop.id} data-testid="course-desktop-row">
                    <TableCell>{ownerName(desktop.owner)}</TableCell>
                    <TableCell>
                      <StateChip state={desktop.state} />
                    </TableCell>
                    <TableCell>
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
                    </TableCell>
                    <TableCell>{formatResources(desktop.resources)}</TableCell>
                    <TableCell>
                      {desktop.lastActiveAt ? (
                        <RelativeTime iso={desktop.lastActiveAt} />
                      ) : (
                        'never'
                      )}
                    </TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
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
            <Table size="small" aria-label="Environment versions">
              <TableHead>
                <TableRow>
                  <TableCell>Version</TableCell>
                  <TableCell>Image</TableCell>
                  <TableCell>Resources</TableCell>
                  <TableCell>Published</TableCell>
                  <TableCell>Description</TableCell>
                </TableRow>
              </TableHead>
              <TableBody>
                {versions.value.map(v => (
                  <TableRow key={v.version}>
                    <TableCell>
                      {v.version}
                      {v.version === latest ? ' (current)' : ''}
                    </TableCell>
                    <TableCell>
                      <code>{v.imageRef}</code>
                    </TableCell>
                    <TableCell>{formatResources(v.resources)}</TableCell>
                    <TableCell>
                      <RelativeTime iso={v.publishedAt} /> by{' '}
                      {ownerName(v.publishedBy)}
                    </TableCell>
                    <TableCell>{v.description}</TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          )}
        </InfoCard>
      </Grid>
    </Grid>
  );
};
