import { Alert } from '@material-ui/lab';

/**
 * Why an action failed, shown while `message` is set, until the user
 * closes it.
 *
 * @public
 */
export const DismissibleError = (props: {
  message?: string;
  onDismiss: () => void;
  className?: string;
  /** `alert` announces it at once (for errors inside a dialog). */
  role?: 'alert';
}) =>
  props.message ? (
    <Alert
      severity="error"
      role={props.role}
      className={props.className}
      onClose={props.onDismiss}
    >
      {props.message}
    </Alert>
  ) : null;
