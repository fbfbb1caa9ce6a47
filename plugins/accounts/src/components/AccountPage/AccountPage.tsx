import { FormEvent, useState } from 'react';
import {
  Content,
  Header,
  InfoCard,
  Page,
  Progress,
  ResponseErrorPanel,
  StructuredMetadataTable,
} from '@backstage/core-components';
import { alertApiRef, useApi } from '@backstage/core-plugin-api';
import {
  roleLabel,
  useAccountsApi,
  useCurrentAccount,
} from '@internal/backstage-plugin-accounts-react';
import {
  BusyButton,
  errorMessage,
  LabstageApiError,
} from '@internal/backstage-plugin-labstage-react';
import { Box, Grid, makeStyles, TextField } from '@material-ui/core';
import Alert from '@material-ui/lab/Alert';
import ExitToAppIcon from '@material-ui/icons/ExitToApp';
import { DateTime } from 'luxon';
import {
  NewPasswordErrors,
  NewPasswordFields,
  newPasswordErrors,
} from '../common/NewPasswordFields';
import { DeleteAccountSection } from './DeleteAccountSection';
import { useEndLocalSession } from './useEndLocalSession';

const useStyles = makeStyles(theme => ({
  form: {
    display: 'flex',
    flexDirection: 'column',
    gap: theme.spacing(2),
    maxWidth: 420,
  },
}));

type PasswordErrors = NewPasswordErrors & { currentPassword?: string };

export const ChangePasswordForm = () => {
  const classes = useStyles();
  const accountsApi = useAccountsApi();
  const [currentPassword, setCurrentPassword] = useState('');
  const [newPassword, setNewPassword] = useState('');
  const [confirmPassword, setConfirmPassword] = useState('');
  const [errors, setErrors] = useState<PasswordErrors>({});
  const [result, setResult] = useState<
    { severity: 'success' | 'error'; message: string } | undefined
  >();
  const [busy, setBusy] = useState(false);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setResult(undefined);
    const found: PasswordErrors = {
      currentPassword: currentPassword
        ? undefined
        : 'Enter your current password',
      ...newPasswordErrors(newPassword, confirmPassword),
    };
    if (!found.password && newPassword === currentPassword) {
      found.password = 'Choose a password different from the current one';
    }
    setErrors(found);
    if (Object.values(found).some(Boolean)) return;
    setBusy(true);
    try {
      await accountsApi.changePassword({ currentPassword, newPassword });
      setCurrentPassword('');
      setNewPassword('');
      setConfirmPassword('');
      setResult({
        severity: 'success',
        message: 'Password changed. Your other sessions have been signed out.',
      });
    } catch (err) {
      if (err instanceof LabstageApiError && err.statusCode === 401) {
        setErrors({ currentPassword: 'Current password is incorrect' });
      } else {
        setResult({ severity: 'error', message: errorMessage(err) });
      }
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className={classes.form} onSubmit={submit} noValidate>
      {result && <Alert severity={result.severity}>{result.message}</Alert>}
      <TextField
        id="account-current-password"
        label="Current password"
        type="password"
        variant="outlined"
        autoComplete="current-password"
        value={currentPassword}
        onChange={e => setCurrentPassword(e.target.value)}
        error={Boolean(errors.currentPassword)}
        helperText={errors.currentPassword}
      />
      <NewPasswordFields
        idPrefix="account-password"
        password={newPassword}
        confirm={confirmPassword}
        onPasswordChange={setNewPassword}
        onConfirmChange={setConfirmPassword}
        errors={errors}
        look="outlined"
      />
      <Box>
        <BusyButton
          type="submit"
          variant="contained"
          color="primary"
          busy={busy}
        >
          Change password
        </BusyButton>
      </Box>
    </form>
  );
};

export const SignOutButton = () => {
  const accountsApi = useAccountsApi();
  const endLocalSession = useEndLocalSession();
  const alertApi = useApi(alertApiRef);
  const [busy, setBusy] = useState(false);
  const signOut = async () => {
    setBusy(true);
    try {
      await accountsApi.signOut();
    } catch (e) {
      // Still end the local session; the server one expires on its own.
      alertApi.post({
        message: `Could not end the server session: ${errorMessage(e)}`,
        severity: 'warning',
      });
    }
    await endLocalSession();
  };
  return (
    <BusyButton
      variant="outlined"
      color="primary"
      onClick={signOut}
      busy={busy}
      startIcon={<ExitToAppIcon />}
    >
      Sign out
    </BusyButton>
  );
};

const Profile = () => {
  const { value, loading, error } = useCurrentAccount();
  if (loading) return <Progress />;
  if (error) return <ResponseErrorPanel error={error} />;
  if (!value) return null;
  const created = DateTime.fromISO(value.createdAt);
  return (
    <StructuredMetadataTable
      metadata={{
        'Display name': value.displayName,
        Username: value.username,
        Email: value.email,
        Role: roleLabel(value.role),
        'Member since': created.isValid
          ? created.toLocaleString(DateTime.DATE_FULL)
          : '—',
      }}
    />
  );
};

export const AccountPage = () => (
  <Page themeId="tool">
    <Header title="My account" subtitle="Your profile and password">
      <SignOutButton />
    </Header>
    <Content>
      <Grid container spacing={3}>
        <Grid item xs={12} md={6}>
          <InfoCard title="Profile">
            <Profile />
            <Box mt={3}>
              <SignOutButton />
            </Box>
          </InfoCard>
        </Grid>
        <Grid item xs={12} md={6}>
          <InfoCard
            title="Change password"
            subheader="Other devices you are signed in on will be signed out."
          >
            <ChangePasswordForm />
          </InfoCard>
        </Grid>
        <Grid item xs={12}>
          <DeleteAccountSection />
        </Grid>
      </Grid>
    </Content>
  </Page>
);
