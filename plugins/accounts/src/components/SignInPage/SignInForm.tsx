import { useAccountsApi } from '@internal/backstage-plugin-accounts-react';
import { TextField } from '@material-ui/core';
import { AuthForm, PasswordField, SubmitButton } from './formParts';
import { useAuthForm } from './useAuthForm';
import { SignInFields, validateSignIn } from './validation';

/** Username and password; usernames are matched lower-cased. */
export const SignInForm = (props: { onSignedIn: () => void }) => {
  const accountsApi = useAccountsApi();
  const { fields, errors, serverError, busy, set, submit } = useAuthForm({
    initial: { username: '', password: '' } as SignInFields,
    mode: 'signin',
    validate: validateSignIn,
    send: async f => {
      await accountsApi.signIn({
        username: f.username.trim().toLocaleLowerCase('en-US'),
        password: f.password,
      });
      props.onSignedIn();
    },
  });

  return (
    <AuthForm onSubmit={submit} serverError={serverError}>
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
    </AuthForm>
  );
};
