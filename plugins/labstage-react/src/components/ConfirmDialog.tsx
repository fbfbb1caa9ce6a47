import { ReactNode, useState } from 'react';
import {
  Dialog,
  DialogContent,
  DialogContentText,
  DialogTitle,
} from '@material-ui/core';
import { DialogButtons } from './DialogButtons';

/** @public */
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

/**
 * A small "are you sure?" dialog that shows progress while it acts.
 *
 * @public
 */
export const ConfirmDialog = (props: ConfirmDialogProps) => {
  const { open, title, children, onConfirm, onClose } = props;
  const [busy, setBusy] = useState(false);
  const confirm = async () => {
    setBusy(true);
    try {
      await onConfirm();
    } finally {
      setBusy(false);
    }
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
      <DialogButtons
        actionLabel={props.confirmLabel}
        busy={busy}
        onCancel={onClose}
        onAction={confirm}
        destructive={props.destructive}
        actionDisabled={props.confirmDisabled}
      />
    </Dialog>
  );
};
