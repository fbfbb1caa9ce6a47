import { TextField } from '@material-ui/core';
import { validatePassword } from '../SignInPage/validation';

export type NewPasswordErrors = { password?: string; confirm?: string };

/** "New password" and "Confirm new password", as the change and reset forms ask. */
export const NewPasswordFields = (props: {
  idPrefix: string;
  password: string;
  confirm: string;
  onPasswordChange: (value: string) => void;
  onConfirmChange: (value: string) => void;
  errors: NewPasswordErrors;
  /** The account page's outlined look, or the dialog's dense one. */
  look: 'outlined' | 'dense';
}) => {
  const { idPrefix, errors, look } = props;
  const style =
    look === 'outlined'
      ? { variant: 'outlined' as const }
      : { fullWidth: true, margin: 'dense' as const };
  return (
    <>
      <TextField
        {...style}
        id={`${idPrefix}-new`}
        label="New password"
        type="password"
        autoComplete="new-password"
        value={props.password}
        onChange={e => props.onPasswordChange(e.target.value)}
        error={Boolean(errors.password)}
        helperText={errors.password ?? 'At least 8 characters'}
      />
      <TextField
        {...style}
        id={`${idPrefix}-confirm`}
        label="Confirm new password"
        type="password"
        autoComplete="new-password"
        value={props.confirm}
        onChange={e => props.onConfirmChange(e.target.value)}
        error={Boolean(errors.confirm)}
        helperText={errors.confirm}
      />
    </>
  );
};

/** The password rule and the match check, for both forms. */
export function newPasswordErrors(
  password: string,
  confirm: string,
): NewPasswordErrors {
  return {
    password: validatePassword(password),
    confirm: confirm !== password ? 'Passwords do not match' : undefined,
  };
}
