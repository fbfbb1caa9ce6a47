import { LinkButton } from '@backstage/core-components';
import {
  HomeCard,
  HomeCardLink,
  HomeCardList,
} from '@internal/backstage-plugin-labstage-react';
import { ListItemText, makeStyles, Typography } from '@material-ui/core';
import DesktopIcon from '@material-ui/icons/DesktopWindows';
import type { DesktopState } from '@internal/backstage-plugin-desktops-common';
import { useMyDesktops } from '../../hooks/useLiveDesktops';
import { StateChip } from '../common/StateChip';
import { useDesktopLink, useDesktopsLink } from '../common/links';
import { quotaText } from '../DesktopsPage/NewDesktopPanel';
import { ClassStartNotice } from '../Sessions/ClassStartNotice';

const STATE_ORDER: DesktopState[] = [
  'running',
  'starting',
  'pending',
  'stopping',
  'error',
  'stopped',
];

const useStyles = makeStyles(theme => ({
  quota: { marginBottom: theme.spacing(1) },
  chip: { marginLeft: theme.spacing(1) },
}));

/**
 * Home page card: the signed-in user's desktops, how many run, and links to
 * open them.
 *
 * @public
 */
export const MyDesktopsCard = () => {
  const classes = useStyles();
  const desktopLink = useDesktopLink();
  const desktopsLink = useDesktopsLink();
  const { desktops, quota, loading, error } = useMyDesktops();
  // Desktops in use first: those are the ones people come back for.
  const shown = [...(desktops ?? [])]
    .sort(
      (a, b) =>
        STATE_ORDER.indexOf(a.state) - STATE_ORDER.indexOf(b.state) ||
        a.name.localeCompare(b.name),
    )
    .slice(0, 5);
  // A course desktop's course may be in class: "your desktop is ready".
  const courseDesktops = (desktops ?? []).filter(
    (d, i, all) =>
      d.courseId && all.findIndex(o => o.courseId === d.courseId) === i,
  );

  return (
    <HomeCard
      title="My desktops"
      action={
        <LinkButton
          color="primary"
          startIcon={<DesktopIcon />}
          to={desktopsLink}
          style={{ marginTop: 8 }}
        >
          Launch
        </LinkButton>
      }
      deepLink={{ title: 'All my desktops', link: desktopsLink }}
      loading={loading && !desktops}
      error={desktops ? undefined : error}
      empty={
        desktops && desktops.length === 0
          ? {
              missing: 'data',
              title: 'No desktops yet',
              description: 'Launch a Linux desktop that runs in your browser.',
            }
          : undefined
      }
      summary={
        <>
          {courseDesktops.map(d => (
            <div key={d.courseId} className={classes.quota}>
              <ClassStartNotice courseId={d.courseId!} course={d.name} />
            </div>
          ))}
          {quota && (
            <Typography
              variant="body2"
              color="textSecondary"
              className={classes.quota}
            >
              {quotaText(quota)}
            </Typography>
          )}
        </>
      }
    >
      {shown.length > 0 && (
        <HomeCardList>
          {shown.map(d => (
            <HomeCardLink key={d.id} to={desktopLink(d.id)}>
              <ListItemText primary={d.name} secondary={d.imageTitle} />
              <span className={classes.chip}>
                <StateChip state={d.state} />
              </span>
            </HomeCardLink>
          ))}
        </HomeCardList>
      )}
    </HomeCard>
  );
};
