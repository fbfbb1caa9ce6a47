import { FormEvent, useState } from 'react';
import { useAccountsApi } from '@internal/backstage-plugin-accounts-react';
import {
  DangerButton,
  errorMessage,
  errorStatus,
  LabstageApiError,
  useReloadableAsync,
} from '@internal/backstage-plugin-labstage-react';
import {
  Box,
  Button,
  CircularProgress,
  makeStyles,
  TextField,
  Typography,
} from '@material-ui/core';
import Alert from '@material-ui/lab/Alert';
import AlertTitle from '@material-ui/lab/AlertTitle';
import { DeletionPreviewStatus } from '../common/DeletionPreviewStatus';
import { DeletionPreviewSummary } from '../common/DeletionPreviewSummary';
import { isDeletionBlocked } from '../common/deletionText';
import { retryAfterHint } from '../common/retryAfter';
import {
  isConfirmed,
  TypedConfirmationField,
} from '../common/TypedConfirmationField';
import { useEndLocalSession } from './useEndLocalSession';

const useStyles = makeStyles(theme => ({
  form: { maxWidth: 560 },
  actions: {
    display: 'flex',
    gap: theme.spacing(1),
    marginTop: theme.spacing(2),
  },
}));

type Outcome =
  | { kind: 'error'; message: string }
  /** The server disabled the account and ended its sessions, then failed. */
  | { kind: 'partly-deleted'; message?: string }
  | { kind: 'deleted' };

/** A failure after the account was disabled: this session is gone too. */
const PartlyDeleted = (props: { message?: string; onSignOut: () => void }) => (
  <Alert
    severity="error"
    action={
      <Button color="inherit" size="small" onClick={props.onSignOut}>
        Sign out
      </Button>
    }
  >
    <AlertTitle>
      Your account is disabled, but not everything could be removed
    </AlertTitle>
    {props.message && <>{props.message.replace(/\.?$/, '. ')}</>}
    An administrator can finish deleting it.
  </Alert>
);

/**
 * Deleting your own account: what goes and what stays, then your password
 * and your username typed out. On success the session is over and the app
 * returns to the sign-in page.
 */
export const DeleteOwnAccountForm = (props: { onCancel: () => void }) => {
  const classes = useStyles();
  const accountsApi = useAccountsApi();
  const endLocalSession = useEndLocalSession();
  const preview = useReloadableAsync(
    () => accountsApi.getOwnDeletionPreview(),
    [accountsApi],
  );
  const [password, setPassword] = useState('');
  const [passwordError, setPasswordError] = useState<string>();
  const [typed, setTyped] = useState('');
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<Outcome>();

  // After these the session is gone; there is nothing left to submit.
  const finished =
    outcome?.kind === 'deleted' || outcome?.kind === 'partly-deleted';
  const loaded = preview.loading ? undefined : preview.value;
  const blocked = loaded ? isDeletionBlocked(loaded) : true;
  const ready =
    !!loaded &&
    !blocked &&
    password.length > 0 &&
    isConfirmed(typed, loaded.username);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!ready || busy) return;
    setBusy(true);
    setOutcome(undefined);
    setPasswordError(undefined);
    try {
      await accountsApi.deleteOwnAccount({ password });
    } catch (err) {
      setBusy(false);
      const status = errorStatus(err);
      const server =
        err instanceof LabstageApiError ? err.serverMessage : undefined;
      if (status === 401) {
        setPasswordError('Password is incorrect');
      } else if (status === 429) {
        const hint = retryAfterHint(
          err instanceof LabstageApiError ? err.retryAfterSeconds : undefined,
        );
        setOutcome({
          kind: 'error',
          message: [errorMessage(err), hint].filter(Boolean).join(' '),
        });
      } else if (status === 502) {
        setOutcome({ kind: 'partly-deleted', message: server });
      } else {
        setOutcome({ kind: 'error', message: errorMessage(err) });
        // Refused because something changed since the preview: show why.
        if (status === 409) preview.retry();
      }
      return;
    }
    setOutcome({ kind: 'deleted' });
    // The server has ended the session and cleared its cookie.
    await endLocalSession();
  };

  return (
    <form className={classes.form} onSubmit={submit} noValidate>
      <DeletionPreviewStatus
        loading={preview.loading}
        error={preview.error}
        retry={preview.retry}
      />
      {loaded && (
        <>
          <DeletionPreviewSummary preview={loaded} audience="self" />
          {!blocked && (
            <Typography paragraph>
              You will be signed out straight away.
            </Typography>
          )}
        </>
      )}
      {loaded && !blocked && !finished && (
        <>
          <TextField
            id="delete-account-password"
            label="Password"
            type="password"
            fullWidth
            margin="dense"
            variant="outlined"
            autoComplete="current-password"
            value={password}
            onChange={e => setPassword(e.target.value)}
            error={Boolean(passwordError)}
            helperText={passwordError}
            disabled={busy}
          />
          <TypedConfirmationField
            id="delete-account-confirm"
            expected={loaded.username}
            value={typed}
            onChange={setTyped}
            disabled={busy}
          />
        </>
      )}
      {outcome?.kind === 'error' && (
        <Box mt={2}>
          <Alert severity="error">{outcome.message}</Alert>
        </Box>
      )}
      {outcome?.kind === 'partly-deleted' && (
        <Box mt={2}>
          <PartlyDeleted
            message={outcome.message}
            onSignOut={endLocalSession}
          />
        </Box>
      )}
      {outcome?.kind === 'deleted' && (
        <Box mt={2}>
          <Alert severity="success">
            Your account has been deleted. Signing you out…
          </Alert>
        </Box>
      )}
      {!finished && (
        <div className={classes.actions}>
          <Button onClick={props.onCancel} disabled={busy}>
            Cancel
          </Button>
          <DangerButton
            type="submit"
            disabled={!ready || busy}
            startIcon={busy ? <CircularProgress size={16} /> : undefined}
          >
            Delete my account
          </DangerButton>
        </div>
      )}
    </form>
  );
};
