import type { Desktop } from '@internal/backstage-plugin-desktops-common';
import { DateTime } from 'luxon';
import { Avatar, makeStyles, Tooltip, Typography } from '@material-ui/core';
import { usePresence } from '../../hooks/usePresence';
import { useMyEntityRef } from '../../hooks/useSignalChannel';
import { initials, othersPresent, presenceMode } from './presenceText';

const useStyles = makeStyles(theme => ({
  root: { marginTop: theme.spacing(1) },
  list: {
    listStyle: 'none',
    margin: 0,
    padding: 0,
    display: 'flex',
    flexWrap: 'wrap',
    gap: theme.spacing(1),
  },
  item: { display: 'flex', alignItems: 'center', gap: theme.spacing(0.5) },
  avatar: { width: 24, height: 24, fontSize: 12 },
  control: { backgroundColor: theme.palette.warning.main },
}));

/**
 * Who is on the owner's desktop right now, on its card: avatar, name and
 * mode. Shown while it runs and someone other than the owner is there.
 */
export const PresenceAvatars = ({ desktop }: { desktop: Desktop }) => {
  const classes = useStyles();
  const me = useMyEntityRef();
  const { presence } = usePresence(desktop.id, desktop.state === 'running');
  const others = othersPresent(presence, me);
  if (others.length === 0) return null;
  return (
    <div className={classes.root}>
      <Typography
        variant="caption"
        color="textSecondary"
        id={`here-${desktop.id}`}
      >
        Here now
      </Typography>
      <ul className={classes.list} aria-labelledby={`here-${desktop.id}`}>
        {others.map(person => (
          <li key={person.userEntityRef} className={classes.item}>
            <Tooltip
              title={`Since ${DateTime.fromISO(person.since).toLocaleString(
                DateTime.TIME_SIMPLE,
              )}`}
            >
              <Avatar
                className={`${classes.avatar} ${
                  person.hasControl && !person.isOwner ? classes.control : ''
                }`}
                aria-hidden
              >
                {initials(person.displayName)}
              </Avatar>
            </Tooltip>
            <Typography variant="body2">
              {person.displayName}{' '}
              <Typography
                component="span"
                variant="caption"
                color="textSecondary"
              >
                ({presenceMode(person)})
              </Typography>
            </Typography>
          </li>
        ))}
      </ul>
    </div>
  );
};
