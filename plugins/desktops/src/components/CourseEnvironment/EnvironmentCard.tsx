import { useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { InfoCard } from '@backstage/core-components';
import {
  ConfirmDialog,
  CoursePanelProps,
  LoadStatus,
  useFormAction,
  useReloadableAsync,
} from '@internal/backstage-plugin-labstage-react';
import type { Desktop } from '@internal/backstage-plugin-desktops-common';
import { Box, Button, makeStyles, Typography } from '@material-ui/core';
import { Alert } from '@material-ui/lab';
import LaunchIcon from '@material-ui/icons/PlayArrow';
import OpenIcon from '@material-ui/icons/OpenInBrowser';
import UpdateIcon from '@material-ui/icons/Update';
import { useDesktopsApi } from '../../api/hooks';
import { useMyDesktops } from '../../hooks/useLiveDesktops';
import { useDesktopLink } from '../common/links';
import { StateChip } from '../common/StateChip';
import { EnvironmentSummary } from './EnvironmentSummary';

const useStyles = makeStyles(theme => ({
  row: {
    display: 'flex',
    alignItems: 'center',
    flexWrap: 'wrap',
    gap: theme.spacing(1.5),
    marginTop: theme.spacing(2),
  },
}));

/**
 * The course page's Environment card: what the course's desktop is, and
 * one button that opens the student's own copy of it (made on the first
 * click, resumed after). A course desktop made from an older version
 * offers the update, which keeps the home folder.
 */
export const EnvironmentCard = (props: CoursePanelProps) => {
  const { courseId, canManage } = props;
  const api = useDesktopsApi();
  const classes = useStyles();
  const navigate = useNavigate();
  const desktopLink = useDesktopLink();
  const launch = useFormAction();
  const [confirmUpdate, setConfirmUpdate] = useState(false);
  const view = useReloadableAsync(
    () => api.getCourseEnvironment(courseId),
    [api, courseId],
  );
  // Live: the card follows the desktop through starting and stopping.
  const mine = useMyDesktops();
  const desktop =
    mine.desktops?.find(d => d.courseId === courseId) ??
    view.value?.desktop ??
    undefined;
  const environment = view.value?.environment ?? undefined;

  const open = async () => {
    await launch.run(async () => {
      const launched = await api.launchCourseEnvironment(courseId);
      mine.upsert(launched);
      navigate(desktopLink(launched.id));
    });
  };

  const update = async (current: Desktop) => {
    const updated = await api.updateEnvironment(current.id);
    mine.upsert(updated);
    setConfirmUpdate(false);
    view.retry();
  };

  return (
    <InfoCard title="Environment" subheader="The course's own Linux desktop">
      <LoadStatus loading={view.loading && !view.value} error={view.error} />
      {view.value && !environment && (
        <Typography color="textSecondary">
          {canManage
            ? 'No environment yet. Prepare a desktop, save it as an image, then publish it from the Environment tab.'
            : 'Your instructor has not published an environment for this course yet.'}
        </Typography>
      )}
      {environment && (
        <>
          <EnvironmentSummary environment={environment} />
          <div className={classes.row}>
            <Button
              variant="contained"
              color="primary"
              startIcon={
                desktop?.state === 'running' ? <OpenIcon /> : <LaunchIcon />
              }
              disabled={launch.busy}
              onClick={open}
              data-testid="environment-launch"
            >
              {launchLabel(desktop)}
            </Button>
            {desktop && <StateChip state={desktop.state} />}
            {desktop?.environmentVersion !== null &&
              desktop?.environmentVersion !== undefined && (
                <Typography variant="body2" color="textSecondary">
                  Your desktop: version {desktop.environmentVersion}
                </Typography>
              )}
          </div>
          {launch.error && (
            <Box mt={2}>
              <Alert severity="error">{launch.error}</Alert>
            </Box>
          )}
          {desktop &&
            desktop.environmentVersion !== null &&
            desktop.environmentVersion < environment.version && (
              <Box mt={2}>
                <Alert
                  severity="info"
                  action={
                    <Button
                      color="inherit"
                      size="small"
                      startIcon={<UpdateIcon />}
                      onClick={() => setConfirmUpdate(true)}
                    >
                      Update
                    </Button>
                  }
                >
                  A newer environment is available (version{' '}
                  {environment.version}).
                </Alert>
              </Box>
            )}
        </>
      )}
      {confirmUpdate && desktop && environment && (
        <ConfirmDialog
          open
          title={`Update to version ${environment.version}?`}
          confirmLabel="Update"
          onClose={() => setConfirmUpdate(false)}
          onConfirm={() => update(desktop)}
        >
          Your home folder is kept; everything else in the desktop is replaced
          by the new version.
          {desktop.state === 'running' &&
            ' Your desktop restarts, so save your work first.'}
        </ConfirmDialog>
      )}
    </InfoCard>
  );
};

function launchLabel(desktop: Desktop | undefined): string {
  if (!desktop) return 'Launch';
  if (desktop.state === 'stopped' || desktop.state === 'error') {
    return 'Resume';
  }
  return 'Open';
}
