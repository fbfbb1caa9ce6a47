import { Link } from '@backstage/core-components';
import type { ClassroomSeat } from '@internal/backstage-plugin-desktops-common';
import { RelativeTime } from '@internal/backstage-plugin-labstage-react';
import {
  Button,
  Card,
  CardActions,
  CardContent,
  Chip,
  makeStyles,
  Typography,
} from '@material-ui/core';
import PanToolIcon from '@material-ui/icons/PanTool';
import { useDesktopLink } from '../common/links';
import { StateChip } from '../common/StateChip';
import { idleText } from '../common/time';
import { useThumbnail } from './useThumbnail';

const useStyles = makeStyles(theme => ({
  card: {
    height: '100%',
    display: 'flex',
    flexDirection: 'column',
    border: `2px solid transparent`,
  },
  handRaised: {
    borderColor: theme.palette.warning.main,
    boxShadow: `0 0 0 2px ${theme.palette.warning.light}`,
  },
  screen: {
    display: 'block',
    position: 'relative',
    width: '100%',
    aspectRatio: '16 / 10',
    backgroundColor: '#1e1e1e',
    overflow: 'hidden',
    '&:focus-visible': {
      outline: `3px solid ${theme.palette.primary.main}`,
      outlineOffset: 2,
    },
  },
  image: { width: '100%', height: '100%', objectFit: 'contain' },
  placeholder: {
    position: 'absolute',
    inset: 0,
    display: 'flex',
    alignItems: 'center',
    justifyContent: 'center',
    color: theme.palette.grey[400],
    padding: theme.spacing(1),
    textAlign: 'center',
  },
  content: { flexGrow: 1, paddingBottom: theme.spacing(1) },
  titleRow: {
    display: 'flex',
    alignItems: 'center',
    gap: theme.spacing(1),
  },
  name: {
    flexGrow: 1,
    overflow: 'hidden',
    textOverflow: 'ellipsis',
    whiteSpace: 'nowrap',
  },
  handChip: {
    marginTop: theme.spacing(1),
    backgroundColor: theme.palette.warning.main,
    color: theme.palette.warning.contrastText,
    fontWeight: 600,
  },
  actions: { flexWrap: 'wrap', gap: theme.spacing(1) },
}));

/** What covers a seat's screen when there is no picture. */
function placeholderText(seat: ClassroomSeat): string {
  if (!seat.desktop) return 'No desktop yet';
  switch (seat.desktop.state) {
    case 'running':
      return 'Loading the picture…';
    case 'pending':
    case 'starting':
      return 'Starting…';
    case 'stopping':
      return 'Stopping…';
    case 'error':
      return seat.desktop.stateReason ?? 'The desktop failed';
    default:
      return 'Not running';
  }
}

/**
 * One student in the classroom grid: the live thumbnail (a link that opens
 * the desktop to watch), name, state, raised hand and idleness.
 */
export const SeatCard = (props: {
  seat: ClassroomSeat;
  busy: boolean;
  onLowerHand: (seat: ClassroomSeat) => void;
  onTakeControl: (seat: ClassroomSeat) => void;
}) => {
  const { seat, busy } = props;
  const classes = useStyles();
  const desktopLink = useDesktopLink();
  const thumbnail = useThumbnail(seat.thumbnailPath);
  const running = seat.desktop?.state === 'running';
  const raised = Boolean(seat.handRaisedAt);

  const screen = (
    <>
      {thumbnail.src && (
        <img
          src={thumbnail.src}
          alt={`Screen of ${seat.displayName}’s desktop`}
          className={classes.image}
        />
      )}
      {!thumbnail.src && (
        <span className={classes.placeholder}>
          {thumbnail.error && running
            ? 'No picture right now'
            : placeholderText(seat)}
        </span>
      )}
    </>
  );

  return (
    <Card
      variant="outlined"
      className={`${classes.card} ${raised ? classes.handRaised : ''}`}
      role="region"
      aria-label={seat.displayName}
      data-hand-raised={raised}
    >
      {running && seat.desktop ? (
        <Link
          to={desktopLink(seat.desktop.id)}
          className={classes.screen}
          aria-label={`Watch ${seat.displayName}’s desktop`}
        >
          {screen}
        </Link>
      ) : (
        <div className={classes.screen}>{screen}</div>
      )}
      <CardContent className={classes.content}>
        <div className={classes.titleRow}>
          <Typography
            variant="subtitle1"
            component="h3"
            className={classes.name}
          >
            {seat.displayName}
          </Typography>
          {seat.desktop ? (
            <StateChip state={seat.desktop.state} />
          ) : (
            <Chip size="small" variant="outlined" label="No desktop" />
          )}
        </div>
        {seat.idleMinutes !== null && seat.idleMinutes > 0 && (
          <Typography variant="body2" color="textSecondary">
            {idleText(seat.idleMinutes)}
          </Typography>
        )}
        {raised && seat.handRaisedAt && (
          <Chip
            size="small"
            icon={<PanToolIcon fontSize="small" />}
            className={classes.handChip}
            label={
              <>
                Hand raised <RelativeTime iso={seat.handRaisedAt} />
              </>
            }
          />
        )}
      </CardContent>
      <CardActions className={classes.actions}>
        {running && (
          <Button
            size="small"
            variant="outlined"
            disabled={busy}
            onClick={() => props.onTakeControl(seat)}
            aria-label={`Take control of ${seat.displayName}’s desktop`}
          >
            Take control
          </Button>
        )}
        {raised && (
          <Button
            size="small"
            disabled={busy}
            onClick={() => props.onLowerHand(seat)}
            aria-label={`Lower ${seat.displayName}’s hand`}
          >
            Lower hand
          </Button>
        )}
      </CardActions>
    </Card>
  );
};
