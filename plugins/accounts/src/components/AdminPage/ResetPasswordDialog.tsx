import { useState } from 'react';
import { User } from '@internal/backstage-plugin-accounts-common';
import { FormDialog } from '@internal/backstage-plugin-labstage-react';
import { DialogContentText, TextField } from '@material-ui/core';
import { validatePassword } from '../SignInPage/validation';

export const ResetPasswordDialog = (props: {
  user: User;
  onClose: () => void;
  onReset: (password: string) => Promise<void>;
}) => {
  const { user, onClose, onReset } = props;
  const [password, setPassword] = useState('');
  const [confirm, setConfirm] = useState('');
  const [errors, setErrors] = useState<{ password?: string; confirm?: string }>(
    {},
  );
  const [busy, setBusy] = useState(false);

  const submit = async () => {
    const found = {
      password: validatePassword(password),
      confirm: confirm !== password ? 'Passwords do not match' : undefined,
    };
    setErrors(found);
    if (found.password || found.confirm) return;
    setBusy(true);
    try {
      await onReset(password);
    } finally {
      setBusy(false);
    }
  };

  return (
    <FormDialog
      open
      titleId="reset-password-title"
      title={`Reset password of ${user.username}`}
      submitLabel="Reset password"
      busy={busy}
      onSubmit={submit}
      onClose={onClose}
    >
      <DialogContentText>
        {user.displayName} will be signed out everywhere. Give them the new
        password in person or over a trusted channel.
      </DialogContentText>
      <TextField
        id="reset-password-new"
        label="New password"
        type="password"
        fullWidth
        margin="dense"
        autoComplete="new-password"
        value={password}
        onChange={e => setPassword(e.target.value)}
        error={Boolean(errors.password)}
        helperText={errors.password ?? 'At least 8 characters'}
      />
      <TextField
        id="reset-password-confirm"
        label="Confirm new password"
        type="password"
        fullWidth
        margin="dense"
        autoComplete="new-password"
        value={confirm}
        onChange={e => setConfirm(e.target.value)}
        error={Boolean(errors.confirm)}
        helperText={errors.confirm}
      />
    </FormDialog>
  );
};
