import { LinkButton } from '@backstage/core-components';
import {
  errorMessage,
  errorStatus,
} from '@internal/backstage-plugin-labstage-react';
import type { Desktop } from '@internal/backstage-plugin-desktops-common';
import {
  Button,
  CircularProgress,
  LinearProgress,
  makeStyles,
  Paper,
  Typography,
} from '@material-ui/core';
import { Alert } from '@material-ui/lab';
import PlayArrowIcon from '@material-ui/icons/PlayArrow';
import { useDesktopsLink } from '../common/links';
import type { ConnectionStatus } from './useRfbConnection';

const useStyles = makeStyles(theme => ({
  overlay: {
    position: 'absolute',
    inset: 0,
    display: 'flex',
    alignItems: 'center',
    justifyContent: 'center',
    padding: theme.spacing(2),
    backgroundColor: 'rgba(30,30,30,0.85)',
  },
  card: {
    padding: theme.spacing(3),
    maxWidth: 460,
    width: '100%',
    textAlign: 'center',
    display: 'flex',
    flexDirection: 'column',
    gap: theme.spacing(2),
    alignItems: 'center',
  },
  progress: { width: '100%' },
}));

export type ViewerOverlayProps = {
  desktop?: Desktop;
  deleted: boolean;
  loadError?: Error;
  status: ConnectionStatus;
  busy: boolean;
  /** False for someone else's desktop: only its owner starts it. */
  canStart?: boolean;
  /** Why the last Start failed, shown next to the button. */
  actionError?: string;
  onStart: () => void;
  onReconnect: () => void;
};

/**
 * What covers the screen while there is no picture: loading, starting,
 * stopped, failed, deleted, or a connection that is down. Nothing once
 * connected.
 */
export const ViewerOverlay = (props: ViewerOverlayProps) => {
  const classes = useStyles();
  const content = useOverlayContent(props, classes.progress);
  if (!content) return null;
  return (
    <div className={classes.overlay}>
      <Paper className={classes.card}>{content}</Paper>
    </div>
  );
};

function useOverlayContent(
  {
    desktop,
    deleted,
    loadError,
    status,
    busy,
    canStart = true,
    actionError,
    onStart,
    onReconnect,
  }: ViewerOverlayProps,
  progressClass: string,
): JSX.Element | null {
  const desktopsLink = useDesktopsLink();
  if (deleted) {
    return (
      <>
        <Typography variant="h6">This desktop was deleted.</Typography>
        <LinkButton to={desktopsLink} variant="outlined">
          Back to my desktops
        </LinkButton>
      </>
    );
  }
  if (!desktop) {
    if (loadError) {
      const missing = errorStatus(loadError) === 404;
      return (
        <>
          <Typography variant="h6">
            {missing
              ? 'This desktop does not exist, or you cannot open it.'
              : 'Could not load the desktop.'}
          </Typography>
          {!missing && (
            <Alert severity="error">{errorMessage(loadError)}</Alert>
          )}
          <LinkButton to={desktopsLink} variant="outlined">
            Back to my desktops
          </LinkButton>
        </>
      );
    }
    return <CircularProgress />;
  }
  const startButton = (label: string) =>
    canStart ? (
      <Button
        variant="contained"
        color="primary"
        onClick={onStart}
        disabled={busy}
        startIcon={busy ? <CircularProgress size={16} /> : <PlayArrowIcon />}
      >
        {label}
      </Button>
    ) : (
      <Typography variant="body2">
        Only its owner can start it. Ask them, and it opens here.
      </Typography>
    );
  const errorAlert = actionError && (
    <Alert severity="error">{actionError}</Alert>
  );
  switch (desktop.state) {
    case 'pending':
    case 'starting':
      return (
        <>
          <Typography variant="h6">Starting your desktop…</Typography>
          <LinearProgress className={progressClass} />
          <Typography variant="body2" color="textSecondary">
            This usually takes a few seconds. It opens here when it is ready.
          </Typography>
        </>
      );
    case 'stopping':
      return (
        <>
          <Typography variant="h6">Stopping your desktop…</Typography>
          <LinearProgress className={progressClass} />
        </>
      );
    case 'stopped':
      return (
        <>
          <Typography variant="h6">This desktop is stopped.</Typography>
          {desktop.stateReason && (
            <Alert severity="info">{desktop.stateReason}</Alert>
          )}
          <Typography variant="body2" color="textSecondary">
            Your files in its home folder are kept. Start it to continue where
            you left off.
          </Typography>
          {errorAlert}
          {startButton('Start')}
        </>
      );
    case 'error':
      return (
        <>
          <Typography variant="h6">The desktop failed.</Typography>
          {desktop.stateReason && (
            <Alert severity="error">{desktop.stateReason}</Alert>
          )}
          <Typography variant="body2" color="textSecondary">
            Your home folder is kept. Starting it again often helps.
          </Typography>
          {errorAlert}
          {startButton('Start again')}
        </>
      );
    default:
      break;
  }
  switch (status.kind) {
    case 'connected':
      return null;
    case 'reconnecting':
      return (
        <>
          <Typography variant="h6">Connection lost</Typography>
          <Typography variant="body2" color="textSecondary">
            {`Reconnecting in ${status.seconds}s… (${status.reason})`}
          </Typography>
          <Button variant="outlined" onClick={onReconnect}>
            Reconnect now
          </Button>
        </>
      );
    case 'revoked':
      return (
        <>
          <Typography variant="h6">Access revoked</Typography>
          <Typography variant="body2" color="textSecondary">
            You can no longer open this desktop: its owner stopped sharing it
            with you, or your access changed ({status.reason}).
          </Typography>
          <LinkButton to={desktopsLink} variant="outlined">
            Back to my desktops
          </LinkButton>
        </>
      );
    case 'disconnected':
      return (
        <>
          <Typography variant="h6">Disconnected</Typography>
          <Typography variant="body2" color="textSecondary">
            {status.reason}
          </Typography>
          <Button variant="contained" color="primary" onClick={onReconnect}>
            Reconnect
          </Button>
        </>
      );
    default:
      return (
        <>
          <CircularProgress />
          <Typography variant="h6">Connecting…</Typography>
        </>
      );
  }
}
