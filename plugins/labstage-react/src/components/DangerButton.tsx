import { Button, ButtonProps, makeStyles } from '@material-ui/core';

const useStyles = makeStyles(theme => ({
  danger: {
    color: theme.palette.error.contrastText,
    backgroundColor: theme.palette.error.main,
    '&:hover': { backgroundColor: theme.palette.error.dark },
  },
}));

/**
 * A filled red button for actions that destroy something. (The Labstage
 * theme's secondary colour is orange, which reads as a warning.)
 *
 * @public
 */
export const DangerButton = (props: Omit<ButtonProps, 'color' | 'variant'>) => {
  const classes = useStyles();
  const { className, ...rest } = props;
  return (
    <Button
      {...rest}
      variant="contained"
      className={[classes.danger, className].filter(Boolean).join(' ')}
    />
  );
};
