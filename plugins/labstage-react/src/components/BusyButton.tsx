import { Button, ButtonProps, CircularProgress } from '@material-ui/core';

/**
 * A button that is disabled and spins while its action runs.
 *
 * @public
 */
export const BusyButton = (props: ButtonProps & { busy: boolean }) => {
  const { busy, disabled, startIcon, size, ...rest } = props;
  return (
    <Button
      {...rest}
      size={size}
      disabled={busy || disabled}
      startIcon={
        busy ? (
          <CircularProgress size={size === 'small' ? 14 : 16} />
        ) : (
          startIcon
        )
      }
    />
  );
};
