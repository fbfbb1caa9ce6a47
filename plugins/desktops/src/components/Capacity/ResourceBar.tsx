import { LinearProgress, makeStyles, Typography } from '@material-ui/core';
import { percentOf } from './capacityText';

const useStyles = makeStyles(theme => ({
  bar: { height: 8, borderRadius: 4, margin: theme.spacing(0.5, 0, 1.5) },
}));

/** "CPU: 1.5 of 4 CPUs in use" over a bar. */
export const ResourceBar = (props: {
  label: string;
  used: number;
  total: number;
  /** The figures, e.g. "1.5 of 4 CPUs in use". */
  text: string;
}) => {
  const classes = useStyles();
  return (
    <div>
      <Typography variant="body2">
        {props.label}: {props.text}
      </Typography>
      <LinearProgress
        variant="determinate"
        value={percentOf(props.used, props.total)}
        aria-label={`${props.label} in use`}
        className={classes.bar}
      />
    </div>
  );
};
