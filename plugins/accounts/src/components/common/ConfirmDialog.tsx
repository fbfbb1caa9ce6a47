import { ReactNode, useState } from 'react';
import {
  Button,
  CircularProgress,
  Dialog,
  DialogActions,
  DialogContent,
  DialogContentText,
  DialogTitle,
} from '@material-ui/core';
import { DangerButton } from './DangerButton';

export type ConfirmDialogProps = {
  open: boolean;
  title: string;
  children?: ReactNode;
  confirmLabel: string;
  /** Red confirm button, for actions that remove or lock out. */
  destructive?: boolean;
  /** Keeps the confirm button disabled, e.g. until a typed confirmation. */
  confirmDisabled?: boolean;
  onConfirm: () => Promise<void> | void;
  onClose: () => void;
};

/** A small "are you sure?" dialog that shows progress while it acts. */
export const ConfirmDialog = (props: ConfirmDialogProps) => {
  const {
    open,
    title,
    children,
    confirmLabel,
    destructive,
    confirmDisabled,
    onConfirm,
    onClose,
  } = props;
  const [busy, setBusy] = useState(false);
  const confirm = async () => {
    setBusy(true);
    try {
      await onConfirm();
    } finally {
      setBusy(false);
    }
  };
  const confirmButton = {
    onClick: confirm,
    disabled: busy || confirmDisabled,
    startIcon: busy ? <CircularProgress size={16} /> : undefined,
    children: confirmLabel,
  };
  return (
    <Dialog
      open={open}
      onClose={busy ? undefined : onClose}
      aria-labelledby="confirm-dialog-title"
      maxWidth="xs"
      fullWidth
    >
      <DialogTitle id="confirm-dialog-title">{title}</DialogTitle>
      {children && (
        <DialogContent>
          <DialogContentText component="div">{children}</DialogContentText>
        </DialogContent>
      )}
      <DialogActions>
        <Button onClick={onClose} disabled={busy}>
          Cancel
        </Button>
        {destructive ? (
          <DangerButton {...confirmButton} />
        ) : (
          <Button {...confirmButton} color="primary" variant="contained" />
        )}
      </DialogActions>
    </Dialog>
  );
};
