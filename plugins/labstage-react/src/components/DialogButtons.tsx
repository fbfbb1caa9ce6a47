import { ReactNode } from 'react';
import { Button, CircularProgress, DialogActions } from '@material-ui/core';
import { DangerButton } from './DangerButton';

/**
 * Cancel plus the dialog's action, which spins while it runs. Without
 * `onAction` the action is the form's submit button.
 *
 * @public
 */
export const DialogButtons = (props: {
  actionLabel: ReactNode;
  busy: boolean;
  onCancel: () => void;
  onAction?: () => void;
  /** Red action button, for actions that remove or lock out. */
  destructive?: boolean;
  /** Keeps the action disabled, e.g. until a typed confirmation. */
  actionDisabled?: boolean;
}) => {
  const { actionLabel, busy, onCancel, onAction, destructive } = props;
  const action = {
    type: onAction ? ('button' as const) : ('submit' as const),
    onClick: onAction,
    disabled: busy || props.actionDisabled,
    startIcon: busy ? <CircularProgress size={16} /> : undefined,
    children: actionLabel,
  };
  return (
    <DialogActions>
      <Button onClick={onCancel} disabled={busy}>
        Cancel
      </Button>
      {destructive ? (
        <DangerButton {...action} />
      ) : (
        <Button {...action} color="primary" variant="contained" />
      )}
    </DialogActions>
  );
};
