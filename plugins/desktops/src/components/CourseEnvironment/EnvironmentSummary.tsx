import { RelativeTime } from '@internal/backstage-plugin-labstage-react';
import type { CourseEnvironment } from '@internal/backstage-plugin-desktops-common';
import { makeStyles, Typography } from '@material-ui/core';
import { formatResources } from '../common/format';

const useStyles = makeStyles({
  description: { whiteSpace: 'pre-wrap' },
});

/** A course environment version: number, resources, when, and what's in it. */
export const EnvironmentSummary = ({
  environment,
}: {
  environment: CourseEnvironment;
}) => {
  const classes = useStyles();
  return (
    <>
      <Typography variant="subtitle1">
        Version {environment.version} · {formatResources(environment.resources)}
      </Typography>
      <Typography variant="body2" color="textSecondary">
        Published <RelativeTime iso={environment.publishedAt} />
      </Typography>
      {environment.description && (
        <Typography className={classes.description}>
          {environment.description}
        </Typography>
      )}
    </>
  );
};
