import { useState } from 'react';
import { LinkButton } from '@backstage/core-components';
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
import OpenInBrowserIcon from '@material-ui/icons/OpenInBrowser';
import PlayArrowIcon from '@material-ui/icons/PlayArrow';
import StopIcon from '@material-ui/icons/Stop';
import { RelativeTime } from '@internal/backstage-plugin-labstage-react';
import { PresenceAvatars } from '../Presence/PresenceAvatars';
import { StateChip } from '../common/StateChip';
import { formatResources } from '../common/format';
import { useDesktopLink } from '../common/links';

const useStyles = makeStyles(theme => ({
  card: {
    height: '100%',
    display: 'flex',
    flexDirection: 'column',
    borderTop: `4px solid ${theme.palette.grey[400]}`,
  },
  running: { borderTopColor: theme.palette.success.main },
  content: { flexGrow: 1 },
  titleRow: {
    display: 'flex',
    alignItems: 'center',
    gap: theme.spacing(1),
    marginBottom: theme.spacing(1),
  },
  title: {
    flexGrow: 1,
    overflow: 'hidden',
    textOverflow: 'ellipsis',
    whiteSpace: 'nowrap',
  },
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
  const desktopLink = useDesktopLink();
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
        <div className={classes.titleRow}>
          <Typography variant="h6" component="h3" className={classes.title}>
            {desktop.name}
          </Typography>
          <StateChip state={state} />
        </div>
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
        <PresenceAvatars desktop={desktop} />
      </CardContent>
      <CardActions className={classes.actions}>
        {state === 'running' && (
          <LinkButton
            variant="contained"
            color="primary"
            to={desktopLink(desktop.id)}
            startIcon={<OpenInBrowserIcon />}
          >
            Open
          </LinkButton>
        )}
        {(state === 'pending' || state === 'starting') && (
          <LinkButton
            variant="outlined"
            color="primary"
            to={desktopLink(desktop.id)}
            startIcon={<OpenInBrowserIcon />}
          >
            Open
          </LinkButton>
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
