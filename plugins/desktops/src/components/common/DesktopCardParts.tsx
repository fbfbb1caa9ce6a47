import { LinkButton } from '@backstage/core-components';
import type { DesktopState } from '@internal/backstage-plugin-desktops-common';
import { makeStyles, Typography } from '@material-ui/core';
import OpenInBrowserIcon from '@material-ui/icons/OpenInBrowser';
import { useDesktopLink } from './links';
import { StateChip } from './StateChip';

// The pieces a desktop's card shows the same way wherever it is: on My
// desktops and under Shared with me.

const useStyles = makeStyles(theme => ({
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
}));

/** The card's first line: the desktop's name (cut short) and its state. */
export const DesktopCardTitle = (props: {
  name: string;
  state: DesktopState;
}) => {
  const classes = useStyles();
  return (
    <div className={classes.titleRow}>
      <Typography variant="h6" component="h3" className={classes.title}>
        {props.name}
      </Typography>
      <StateChip state={props.state} />
    </div>
  );
};

/** Opens the desktop's viewer. */
export const OpenDesktopButton = (props: {
  desktopId: string;
  variant: 'contained' | 'outlined';
}) => {
  const desktopLink = useDesktopLink();
  return (
    <LinkButton
      variant={props.variant}
      color="primary"
      to={desktopLink(props.desktopId)}
      startIcon={<OpenInBrowserIcon />}
    >
      Open
    </LinkButton>
  );
};
