import { useAccountsApi } from '@internal/backstage-plugin-accounts-react';
import { LabstageApiError } from '@internal/backstage-plugin-labstage-react';
import { TextField } from '@material-ui/core';
import { AuthForm, PasswordField, SubmitButton } from './formParts';
import { useAuthForm } from './useAuthForm';
import { SignUpFields, validateSignUp } from './validation';

/**
 * A new local account, optionally joining a course by its code at once; a
 * rejected code is shown on the code's field.
 */
export const SignUpForm = (props: { onSignedUp: () => void }) => {
  const accountsApi = useAccountsApi();
  const { fields, errors, serverError, busy, set, submit } = useAuthForm({
    initial: {
      username: '',
      displayName: '',
      email: '',
      password: '',
      confirmPassword: '',
      joinCode: '',
    } as SignUpFields,
    mode: 'signup',
    validate: validateSignUp,
    send: async f => {
      const joinCode = f.joinCode.trim();
      await accountsApi.signUp({
        username: f.username.trim(),
        displayName: f.displayName.trim(),
        email: f.email.trim(),
        password: f.password,
        ...(joinCode ? { joinCode } : {}),
      });
      props.onSignedUp();
    },
    // A rejected join code is shown on its own field as well.
    fieldOfError: (e, message) =>
      e instanceof LabstageApiError &&
      e.statusCode === 400 &&
      /join code|course code/i.test(message)
        ? 'joinCode'
        : undefined,
  });

  const text = (
    key: keyof SignUpFields,
    label: string,
    extra?: { autoComplete?: string; type?: string; helperText?: string },
  ) => (
    <TextField
      id={`labstage-signup-${key}`}
      label={label}
      variant="outlined"
      fullWidth
      type={extra?.type ?? 'text'}
      autoComplete={extra?.autoComplete}
      value={fields[key]}
      onChange={e => set(key)(e.target.value)}
      error={Boolean(errors[key])}
      helperText={errors[key] ?? extra?.helperText}
    />
  );

  return (
    <AuthForm onSubmit={submit} serverError={serverError}>
      {text('username', 'Username', {
        autoComplete: 'username',
        helperText: 'Lower-case letters, digits, ".", "_" or "-"',
      })}
      {text('displayName', 'Display name', { autoComplete: 'name' })}
      {text('email', 'Email', { autoComplete: 'email', type: 'email' })}
      <PasswordField
        id="labstage-signup-password"
        label="Password"
        autoComplete="new-password"
        value={fields.password}
        onChange={set('password')}
        error={errors.password}
        helperText="At least 8 characters"
      />
      <PasswordField
        id="labstage-signup-confirm"
        label="Confirm password"
        autoComplete="new-password"
        value={fields.confirmPassword}
        onChange={set('confirmPassword')}
        error={errors.confirmPassword}
      />
      {text('joinCode', 'Course join code (optional)', {
        helperText: 'From your instructor: joins you to the course right away',
      })}
      <SubmitButton busy={busy}>
        {busy ? 'Creating account…' : 'Create account'}
      </SubmitButton>
    </AuthForm>
  );
};
