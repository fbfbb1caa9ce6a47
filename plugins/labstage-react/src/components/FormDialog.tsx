import { ReactNode, RefObject } from 'react';
import {
  Dialog,
  DialogContent,
  DialogProps,
  DialogTitle,
} from '@material-ui/core';
import Alert from '@material-ui/lab/Alert';
import { DialogButtons } from './DialogButtons';

/**
 * A dialog around a form: title, an error from the last attempt, the fields,
 * and Cancel plus a submit button that spins while `busy`. The caller keeps
 * the form state and validation; Enter in a field submits.
 *
 * @public
 */
export const FormDialog = (props: {
  open: boolean;
  /** Id of the title, which labels the dialog. */
  titleId: string;
  title: ReactNode;
  submitLabel: ReactNode;
  busy: boolean;
  onSubmit: () => void;
  onClose: () => void;
  /** Why the last attempt failed, shown above the fields. */
  error?: string;
  maxWidth?: DialogProps['maxWidth'];
  /** Gets focus once the dialog has opened. */
  focusRef?: RefObject<HTMLElement>;
  /** Replaces Cancel and submit, e.g. with a Close once done. */
  actions?: ReactNode;
  children: ReactNode;
}) => {
  const { open, titleId, busy, onClose, error, focusRef } = props;
  return (
    <Dialog
      open={open}
      onClose={busy ? undefined : onClose}
      aria-labelledby={titleId}
      maxWidth={props.maxWidth ?? 'xs'}
      fullWidth
      TransitionProps={
        focusRef ? { onEntered: () => focusRef.current?.focus() } : undefined
      }
    >
      <form
        noValidate
        onSubmit={e => {
          e.preventDefault();
          props.onSubmit();
        }}
      >
        <DialogTitle id={titleId}>{props.title}</DialogTitle>
        <DialogContent>
          {error && (
            <Alert severity="error" role="alert" style={{ marginBottom: 16 }}>
              {error}
            </Alert>
          )}
          {props.children}
        </DialogContent>
        {props.actions ?? (
          <DialogButtons
            actionLabel={props.submitLabel}
            busy={busy}
            onCancel={onClose}
          />
        )}
      </form>
    </Dialog>
  );
};
