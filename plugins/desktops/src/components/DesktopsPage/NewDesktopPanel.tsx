import { useState } from 'react';
import { Progress, ResponseErrorPanel } from '@backstage/core-components';
import type {
  DesktopImage,
  DesktopQuota,
} from '@internal/backstage-plugin-desktops-common';
import {
  Button,
  Card,
  CardActions,
  CardContent,
  CircularProgress,
  Grid,
  makeStyles,
  Typography,
} from '@material-ui/core';
import RocketIcon from '@material-ui/icons/PlayCircleFilled';
import { formatResources } from '../common/format';

const useStyles = makeStyles(theme => ({
  heading: {
    display: 'flex',
    alignItems: 'baseline',
    gap: theme.spacing(2),
    margin: theme.spacing(4, 0, 2),
    flexWrap: 'wrap',
  },
  card: { height: '100%', display: 'flex', flexDirection: 'column' },
  content: { flexGrow: 1 },
  description: { margin: theme.spacing(1, 0) },
}));

/** "1 of 2 running"; the limit is the caller's, set by role. */
export function quotaText(quota: DesktopQuota): string {
  return `${quota.running} of ${quota.maxRunning} running`;
}

/** The image catalog, each with a Launch button, and the running quota. */
export const NewDesktopPanel = (props: {
  images?: DesktopImage[];
  imagesError?: Error;
  quota?: DesktopQuota;
  onLaunch: (image: DesktopImage) => Promise<void>;
}) => {
  const classes = useStyles();
  const [launching, setLaunching] = useState<string>();
  const { images, quota } = props;
  const full = quota ? quota.running >= quota.maxRunning : false;

  const launch = async (image: DesktopImage) => {
    setLaunching(image.id);
    try {
      await props.onLaunch(image);
    } finally {
      setLaunching(undefined);
    }
  };

  return (
    <section aria-labelledby="new-desktop-heading">
      <div className={classes.heading}>
        <Typography variant="h5" component="h2" id="new-desktop-heading">
          New desktop
        </Typography>
        {quota && (
          <Typography
            variant="body2"
            color={full ? 'error' : 'textSecondary'}
            data-testid="desktop-quota"
          >
            {quotaText(quota)}
            {full && ' — stop one to launch another'}
          </Typography>
        )}
      </div>
      {props.imagesError && <ResponseErrorPanel error={props.imagesError} />}
      {!images && !props.imagesError && <Progress />}
      {images && images.length === 0 && (
        <Typography color="textSecondary">
          No desktop images are configured yet. Ask an administrator.
        </Typography>
      )}
      <Grid container spacing={3}>
        {images?.map(image => (
          <Grid item xs={12} sm={6} lg={4} key={image.id}>
            <Card
              variant="outlined"
              className={classes.card}
              role="region"
              aria-label={image.title}
            >
              <CardContent className={classes.content}>
                <Typography variant="h6" component="h3">
                  {image.title}
                </Typography>
                {image.description && (
                  <Typography variant="body2" className={classes.description}>
                    {image.description}
                  </Typography>
                )}
                <Typography variant="body2" color="textSecondary">
                  {formatResources(image.resources)}
                </Typography>
              </CardContent>
              <CardActions>
                <Button
                  variant="contained"
                  color="primary"
                  disabled={Boolean(launching)}
                  onClick={() => launch(image)}
                  aria-label={`Launch ${image.title}`}
                  startIcon={
                    launching === image.id ? (
                      <CircularProgress size={16} />
                    ) : (
                      <RocketIcon />
                    )
                  }
                >
                  Launch
                </Button>
              </CardActions>
            </Card>
          </Grid>
        ))}
      </Grid>
    </section>
  );
};
