import { useState } from 'react';
import type { Desktop } from '@internal/backstage-plugin-desktops-common';
import {
  Button,
  Card,
  CardActions,
  CardContent,
  IconButton,
  makeStyles,
  Menu,
  MenuItem,
  Typography,
} from '@material-ui/core';
import MoreVertIcon from '@material-ui/icons/MoreVert';
import PlayArrowIcon from '@material-ui/icons/PlayArrow';
import StopIcon from '@material-ui/icons/Stop';
import { RelativeTime } from '@internal/backstage-plugin-labstage-react';
import { PresenceAvatars } from '../Presence/PresenceAvatars';
import {
  DesktopCardTitle,
  OpenDesktopButton,
} from '../common/DesktopCardParts';
import { formatResources } from '../common/format';

const useStyles = makeStyles(theme => ({
  card: {
    height: '100%',
    display: 'flex',
    flexDirection: 'column',
    borderTop: `4px solid ${theme.palette.grey[400]}`,
  },
  running: { borderTopColor: theme.palette.success.main },
  content: { flexGrow: 1 },
  reason: {
    marginTop: theme.spacing(1),
    color: theme.palette.error.main,
  },
  actions: { gap: theme.spacing(1), flexWrap: 'wrap' },
}));

export type DesktopCardActions = {
  onStart: (desktop: Desktop) => Promise<void>;
  onStop: (desktop: Desktop) => Promise<void>;
  onRename: (desktop: Desktop) => void;
  /** Opens the Save as image dialog; offered for running or stopped desktops. */
  onSaveImage: (desktop: Desktop) => void;
  onDelete: (desktop: Desktop) => void;
  /** Opens the Share dialog (invite, change roles, revoke). */
  onShare: (desktop: Desktop) => void;
  /** Opens the Visitors panel (who opened it, when, in which mode). */
  onVisitors: (desktop: Desktop) => void;
};

/** One desktop: its state, what it runs, and what can be done with it. */
export const DesktopCard = (
  props: { desktop: Desktop } & DesktopCardActions,
) => {
  const { desktop } = props;
  const classes = useStyles();
  const [busy, setBusy] = useState(false);
  const [menuAnchor, setMenuAnchor] = useState<HTMLElement | null>(null);
  const lastUsed =
    desktop.lastActiveAt ?? desktop.startedAt ?? desktop.createdAt;
  const state = desktop.state;

  const act = async (action: (d: Desktop) => Promise<void>) => {
    setBusy(true);
    try {
      await action(desktop);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Card
      variant="outlined"
      className={`${classes.card} ${
        state === 'running' ? classes.running : ''
      }`}
      data-testid={`desktop-card-${desktop.id}`}
      aria-label={desktop.name}
      role="region"
    >
      <CardContent className={classes.content}>
        <DesktopCardTitle name={desktop.name} state={state} />
        <Typography variant="body2">{desktop.imageTitle}</Typography>
        <Typography variant="body2" color="textSecondary">
          {formatResources(desktop.resources)}
        </Typography>
        <Typography variant="body2" color="textSecondary">
          Last used <RelativeTime iso={lastUsed} />
        </Typography>
        {state === 'error' && (
          <Typography variant="body2" className={classes.reason}>
            {desktop.stateReason ?? 'The desktop failed.'}
          </Typography>
        )}
        {/* Why it stopped by itself: idle, class over, weekly hours used up. */}
        {state === 'stopped' && desktop.stateReason && (
          <Typography variant="body2" data-testid="stop-reason">
            {desktop.stateReason}
          </Typography>
        )}
        <PresenceAvatars desktop={desktop} />
      </CardContent>
      <CardActions className={classes.actions}>
        {state === 'running' && (
          <OpenDesktopButton desktopId={desktop.id} variant="contained" />
        )}
        {(state === 'pending' || state === 'starting') && (
          <OpenDesktopButton desktopId={desktop.id} variant="outlined" />
        )}
        {(state === 'stopped' || state === 'error') && (
          <Button
            variant="contained"
            color="primary"
            disabled={busy}
            onClick={() => act(props.onStart)}
            startIcon={<PlayArrowIcon />}
          >
            Start
          </Button>
        )}
        {(state === 'running' || state === 'starting') && (
          <Button
            variant="outlined"
            disabled={busy}
            onClick={() => act(props.onStop)}
            startIcon={<StopIcon />}
          >
            Stop
          </Button>
        )}
        <span style={{ flexGrow: 1 }} />
        <IconButton
          aria-label={`More actions for ${desktop.name}`}
          aria-haspopup="menu"
          size="small"
          onClick={e => setMenuAnchor(e.currentTarget)}
        >
          <MoreVertIcon />
        </IconButton>
        <Menu
          anchorEl={menuAnchor}
          open={Boolean(menuAnchor)}
          onClose={() => setMenuAnchor(null)}
        >
          <MenuItem
            onClick={() => {
              setMenuAnchor(null);
              props.onRename(desktop);
            }}
          >
            Rename
          </MenuItem>
          <MenuItem
            onClick={() => {
              setMenuAnchor(null);
              props.onShare(desktop);
            }}
          >
            Share…
          </MenuItem>
          <MenuItem
            onClick={() => {
              setMenuAnchor(null);
              props.onVisitors(desktop);
            }}
          >
            Visitors
          </MenuItem>
          {(state === 'running' || state === 'stopped') && (
            <MenuItem
              onClick={() => {
                setMenuAnchor(null);
                props.onSaveImage(desktop);
              }}
            >
              Save as image
            </MenuItem>
          )}
          <MenuItem
            onClick={() => {
              setMenuAnchor(null);
              props.onDelete(desktop);
            }}
          >
            Delete
          </MenuItem>
        </Menu>
      </CardActions>
    </Card>
  );
};
