import { useState } from 'react';
import { User } from '@internal/backstage-plugin-accounts-common';
import { FormDialog } from '@internal/backstage-plugin-labstage-react';
import { DialogContentText } from '@material-ui/core';
import {
  NewPasswordErrors,
  NewPasswordFields,
  newPasswordErrors,
} from '../common/NewPasswordFields';

export const ResetPasswordDialog = (props: {
  user: User;
  onClose: () => void;
  onReset: (password: string) => Promise<void>;
}) => {
  const { user, onClose, onReset } = props;
  const [password, setPassword] = useState('');
  const [confirm, setConfirm] = useState('');
  const [errors, setErrors] = useState<NewPasswordErrors>({});
  const [busy, setBusy] = useState(false);

  const submit = async () => {
    const found = newPasswordErrors(password, confirm);
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
      <NewPasswordFields
        idPrefix="reset-password"
        password={password}
        confirm={confirm}
        onPasswordChange={setPassword}
        onConfirmChange={setConfirm}
        errors={errors}
        look="dense"
      />
    </FormDialog>
  );
};
