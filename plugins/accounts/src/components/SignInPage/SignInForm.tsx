import { FormEvent, useState } from 'react';
import { useAccountsApi } from '@internal/backstage-plugin-accounts-react';
import { TextField } from '@material-ui/core';
import Alert from '@material-ui/lab/Alert';
import { describeAuthError } from './describeAuthError';
import { PasswordField, SubmitButton, useFormStyles } from './formParts';
import {
  FieldErrors,
  hasErrors,
  SignInFields,
  validateSignIn,
} from './validation';

/** Username and password; usernames are matched lower-cased. */
export const SignInForm = (props: { onSignedIn: () => void }) => {
  const classes = useFormStyles();
  const accountsApi = useAccountsApi();
  const [fields, setFields] = useState<SignInFields>({
    username: '',
    password: '',
  });
  const [errors, setErrors] = useState<FieldErrors<SignInFields>>({});
  const [serverError, setServerError] = useState<string>();
  const [busy, setBusy] = useState(false);

  const set = (key: keyof SignInFields) => (value: string) => {
    setFields(f => ({ ...f, [key]: value }));
    setErrors(e => ({ ...e, [key]: undefined }));
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setServerError(undefined);
    const found = validateSignIn(fields);
    setErrors(found);
    if (hasErrors(found)) return;
    setBusy(true);
    try {
      await accountsApi.signIn({
        username: fields.username.trim().toLocaleLowerCase('en-US'),
        password: fields.password,
      });
      props.onSignedIn();
    } catch (e) {
      setServerError(describeAuthError(e, 'signin'));
      setBusy(false);
    }
  };

  return (
    <form className={classes.form} onSubmit={submit} noValidate>
      {serverError && (
        <Alert severity="error" role="alert">
          {serverError}
        </Alert>
      )}
      <TextField
        id="labstage-signin-username"
        label="Username"
        variant="outlined"
        fullWidth
        autoComplete="username"
        autoCapitalize="none"
        value={fields.username}
        onChange={e => set('username')(e.target.value)}
        error={Boolean(errors.username)}
        helperText={errors.username}
      />
      <PasswordField
        id="labstage-signin-password"
        label="Password"
        autoComplete="current-password"
        value={fields.password}
        onChange={set('password')}
        error={errors.password}
      />
      <SubmitButton busy={busy}>
        {busy ? 'Signing in…' : 'Sign in'}
      </SubmitButton>
    </form>
  );
};
