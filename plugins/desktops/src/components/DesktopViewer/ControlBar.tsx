import { ReactNode, useState } from 'react';
import type { DesktopPresence } from '@internal/backstage-plugin-desktops-common';
import { errorMessage } from '@internal/backstage-plugin-labstage-react';
import { Button, makeStyles, Typography } from '@material-ui/core';
import { Alert } from '@material-ui/lab';
import { useDesktopsApi } from '../../api/hooks';
import { sameUser } from '../../hooks/useSignalChannel';
import { ownerName } from '../common/format';
import type { ViewerAccess } from './useViewerAccess';

const useStyles = makeStyles(theme => ({
  bar: {
    display: 'flex',
    flexDirection: 'column',
    gap: theme.spacing(0.5),
    padding: theme.spacing(0.5, 1),
    '&:empty': { display: 'none' },
  },
  row: {
    display: 'flex',
    alignItems: 'center',
    gap: theme.spacing(1),
    flexWrap: 'wrap',
  },
}));

/** Whether the caller's input reaches the desktop now. */
export function hasInput(
  access: ViewerAccess | undefined,
  presence: DesktopPresence | undefined,
  me: string | undefined,
): boolean {
  if (access === 'owner') return true;
  if (access === 'viewer' || !access) return false;
  return sameUser(presence?.control?.userEntityRef, me);
}

/**
 * The control hand-off in the viewer. The owner sees who asks for the
 * control (Accept, one click) and who has it (Take back control); a
 * controller asks for it; an instructor or admin takes it; a student
 * whose instructor took it is told so.
 */
export const ControlBar = (props: {
  desktopId: string;
  owner: string;
  access?: ViewerAccess;
  me?: string;
  presence?: DesktopPresence;
  onPresence: (presence: DesktopPresence) => void;
}) => {
  const { desktopId, access, me, presence, onPresence } = props;
  const classes = useStyles();
  const api = useDesktopsApi();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();

  if (!access || !presence) return null;

  const act = async (call: () => Promise<DesktopPresence>) => {
    setBusy(true);
    setError(undefined);
    try {
      onPresence(await call());
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };

  const control = presence.control;
  const iHold = sameUser(control?.userEntityRef, me);
  const ownerDisplay =
    presence.people.find(p => p.isOwner)?.displayName ?? ownerName(props.owner);
  const rows: ReactNode[] = [];
  const button = (label: string, call: () => Promise<DesktopPresence>) => (
    <Button
      size="small"
      variant="outlined"
      color="primary"
      disabled={busy}
      onClick={() => act(call)}
    >
      {label}
    </Button>
  );

  if (access === 'owner') {
    for (const request of presence.requests) {
      rows.push(
        <Alert
          key={`request-${request.userEntityRef}`}
          severity="info"
          action={
            <Button
              size="small"
              variant="contained"
              color="primary"
              disabled={busy}
              aria-label={`Accept: give control to ${request.displayName}`}
              onClick={() =>
                act(() => api.grantControl(desktopId, request.userEntityRef))
              }
            >
              Accept
            </Button>
          }
        >
          {request.displayName} asks for control
        </Alert>,
      );
    }
    if (control) {
      rows.push(
        <Alert
          key="holder"
          severity={control.how === 'taken' ? 'warning' : 'info'}
          action={button('Take back control', () =>
            api.releaseControl(desktopId),
          )}
        >
          {control.how === 'taken'
            ? `Your instructor has control (${control.displayName}).`
            : `${control.displayName} has control.`}{' '}
          Your own input still reaches the desktop.
        </Alert>,
      );
    }
  } else if (access === 'viewer') {
    rows.push(
      <Typography key="view-only" variant="body2" color="textSecondary">
        View only: {ownerDisplay} invited you to watch.
      </Typography>,
    );
  } else if (iHold) {
    rows.push(
      <Alert
        key="mine"
        severity="success"
        action={button('Give back control', () =>
          api.releaseControl(desktopId),
        )}
      >
        You have control: your keyboard and mouse reach the desktop.
      </Alert>,
    );
  } else {
    const asked = presence.requests.some(r => sameUser(r.userEntityRef, me));
    const holder = control ? `${control.displayName} has control. ` : '';
    if (access === 'staff') {
      rows.push(
        <div key="staff" className={classes.row}>
          <Typography variant="body2">{holder}You are watching.</Typography>
          {button('Take control', () => api.takeControl(desktopId))}
        </div>,
      );
    } else if (asked) {
      rows.push(
        <div key="asked" className={classes.row}>
          <Typography variant="body2" role="status">
            {holder}Waiting for {ownerDisplay} to accept…
          </Typography>
          {button('Cancel request', () => api.releaseControl(desktopId))}
        </div>,
      );
    } else {
      rows.push(
        <div key="ask" className={classes.row}>
          <Typography variant="body2">{holder}You are watching.</Typography>
          {button('Ask for control', () => api.requestControl(desktopId))}
        </div>,
      );
    }
  }
  if (error) {
    rows.push(
      <Alert
        key="error"
        severity="error"
        role="alert"
        onClose={() => setError(undefined)}
      >
        {error}
      </Alert>,
    );
  }
  if (rows.length === 0) return null;
  return (
    <div className={classes.bar} aria-label="Control" role="region">
      {rows}
    </div>
  );
};
