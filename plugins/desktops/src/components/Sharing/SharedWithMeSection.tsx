import type { SharedDesktop } from '@internal/backstage-plugin-desktops-common';
import {
  errorMessage,
  useReloadableAsync,
} from '@internal/backstage-plugin-labstage-react';
import {
  Button,
  Card,
  CardActions,
  CardContent,
  Chip,
  Grid,
  makeStyles,
  Typography,
} from '@material-ui/core';
import { Alert } from '@material-ui/lab';
import useInterval from 'react-use/esm/useInterval';
import { useDesktopsApi } from '../../api/hooks';
import {
  DesktopCardTitle,
  OpenDesktopButton,
} from '../common/DesktopCardParts';
import { SHARE_ROLE_SHORT } from './roleText';

/**
 * Invitations and their desktops' states come with no signal to the
 * invitee; a slow re-read keeps the list honest.
 */
export const SHARED_REFRESH_MS = 15_000;

const useStyles = makeStyles(theme => ({
  section: { marginTop: theme.spacing(4) },
  heading: { marginBottom: theme.spacing(2) },
  role: { marginTop: theme.spacing(1) },
}));

/** What the invitee can do there, and when it can be opened. */
function openHint(desktop: SharedDesktop): string {
  if (desktop.state === 'running') {
    return desktop.role === 'controller'
      ? 'Opens to watch; ask for control from the viewer.'
      : 'Opens to watch.';
  }
  return `Not running. ${desktop.ownerName} has to start it before you can open it.`;
}

const SharedDesktopCard = ({ desktop }: { desktop: SharedDesktop }) => {
  const classes = useStyles();
  return (
    <Card variant="outlined" role="region" aria-label={desktop.name}>
      <CardContent>
        <DesktopCardTitle name={desktop.name} state={desktop.state} />
        <Typography variant="body2">Owner: {desktop.ownerName}</Typography>
        <Chip
          size="small"
          variant="outlined"
          className={classes.role}
          label={SHARE_ROLE_SHORT[desktop.role]}
        />
        <Typography variant="body2" color="textSecondary">
          {openHint(desktop)}
        </Typography>
      </CardContent>
      <CardActions>
        {desktop.state === 'running' && (
          <OpenDesktopButton desktopId={desktop.id} variant="contained" />
        )}
      </CardActions>
    </Card>
  );
};

/** "Shared with me" on My desktops: desktops others invited me to. */
export const SharedWithMeSection = () => {
  const classes = useStyles();
  const api = useDesktopsApi();
  const shared = useReloadableAsync(() => api.listSharedWithMe(), [api]);
  useInterval(shared.retry, SHARED_REFRESH_MS);
  const items = shared.value;

  return (
    <section
      aria-labelledby="shared-with-me-heading"
      className={classes.section}
    >
      <Typography
        variant="h5"
        component="h2"
        id="shared-with-me-heading"
        className={classes.heading}
      >
        Shared with me
      </Typography>
      {!items && shared.error && (
        <Alert
          severity="error"
          action={<Button onClick={shared.retry}>Try again</Button>}
        >
          Could not load the desktops shared with you:{' '}
          {errorMessage(shared.error)}
        </Alert>
      )}
      {!items && !shared.error && (
        <Typography variant="body2" color="textSecondary">
          Loading…
        </Typography>
      )}
      {items?.length === 0 && (
        <Typography variant="body2" color="textSecondary">
          Nobody has shared a desktop with you yet. When a classmate or a
          student invites you, their desktop appears here.
        </Typography>
      )}
      {items && items.length > 0 && (
        <Grid container spacing={3}>
          {items.map(desktop => (
            <Grid item xs={12} sm={6} lg={4} key={desktop.id}>
              <SharedDesktopCard desktop={desktop} />
            </Grid>
          ))}
        </Grid>
      )}
    </section>
  );
};
