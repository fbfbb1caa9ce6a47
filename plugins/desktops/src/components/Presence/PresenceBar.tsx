import type { DesktopPresence } from '@internal/backstage-plugin-desktops-common';
import { makeStyles, Typography } from '@material-ui/core';
import VisibilityIcon from '@material-ui/icons/Visibility';
import { othersPresent, presenceSentence } from './presenceText';

const useStyles = makeStyles(theme => ({
  bar: {
    display: 'flex',
    alignItems: 'center',
    gap: theme.spacing(1),
    flexWrap: 'wrap',
    padding: theme.spacing(0.5, 1.5),
    backgroundColor: theme.palette.info.light,
    color: theme.palette.info.contrastText,
  },
}));

/**
 * The small bar under the viewer's toolbar: who else is on this desktop
 * right now. Nothing when the caller is alone.
 */
export const PresenceBar = (props: {
  presence?: DesktopPresence;
  me?: string;
}) => {
  const classes = useStyles();
  const others = othersPresent(props.presence, props.me);
  if (others.length === 0) return null;
  return (
    <div
      className={classes.bar}
      role="status"
      aria-live="polite"
      aria-label="Who is here"
      data-testid="presence-bar"
    >
      <VisibilityIcon fontSize="small" aria-hidden />
      <Typography variant="body2" component="span">
        {others.map(presenceSentence).join(' · ')}
      </Typography>
    </div>
  );
};
