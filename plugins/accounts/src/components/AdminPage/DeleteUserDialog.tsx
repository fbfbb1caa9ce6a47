import { useState } from 'react';
import { User } from '@internal/backstage-plugin-accounts-common';
import { useAccountsApi } from '@internal/backstage-plugin-accounts-react';
import {
  ConfirmDialog,
  errorMessage,
  errorStatus,
  LabstageApiError,
  useReloadableAsync,
} from '@internal/backstage-plugin-labstage-react';
import { Box } from '@material-ui/core';
import Alert from '@material-ui/lab/Alert';
import AlertTitle from '@material-ui/lab/AlertTitle';
import { DeletionPreviewStatus } from '../common/DeletionPreviewStatus';
import { DeletionPreviewSummary } from '../common/DeletionPreviewSummary';
import { isDeletionBlocked } from '../common/deletionText';
import {
  isConfirmed,
  TypedConfirmationField,
} from '../common/TypedConfirmationField';

/** A failed DELETE, worded for the admin; the dialog stays open. */
const DeleteFailure = ({ error }: { error: unknown }) => {
  if (errorStatus(error) === 502) {
    const server =
      error instanceof LabstageApiError ? error.serverMessage : undefined;
    return (
      <Alert severity="error">
        <AlertTitle>Not everything could be removed</AlertTitle>
        {server ??
          'The account is now disabled. Deleting it again is safe once the problem is fixed.'}
      </Alert>
    );
  }
  return <Alert severity="error">{errorMessage(error)}</Alert>;
};

/**
 * Admin confirmation for deleting an account: shows what goes and what
 * stays, refuses while the server would, and asks for the username.
 */
export const DeleteUserDialog = (props: {
  user: User;
  onClose: () => void;
  onDeleted: () => void;
  /** A failed attempt may have disabled the account; the list is stale. */
  onAttemptFailed: () => void;
}) => {
  const { user, onClose, onDeleted, onAttemptFailed } = props;
  const accountsApi = useAccountsApi();
  const preview = useReloadableAsync(
    () => accountsApi.getDeletionPreview(user.username),
    [accountsApi, user.username],
  );
  const [typed, setTyped] = useState('');
  const [failure, setFailure] = useState<unknown>();

  const loaded = preview.loading ? undefined : preview.value;
  const blocked = loaded ? isDeletionBlocked(loaded) : true;

  const remove = async () => {
    setFailure(undefined);
    try {
      await accountsApi.deleteUser(user.username);
    } catch (e) {
      setFailure(e);
      onAttemptFailed();
      // Refused because something changed since the preview: show why.
      if (errorStatus(e) === 409) preview.retry();
      return;
    }
    onDeleted();
  };

  return (
    <ConfirmDialog
      open
      title={`Delete ${user.username}?`}
      confirmLabel="Delete account"
      destructive
      confirmDisabled={blocked || !isConfirmed(typed, user.username)}
      onClose={onClose}
      onConfirm={remove}
    >
      <DeletionPreviewStatus
        loading={preview.loading}
        error={preview.error}
        retry={preview.retry}
      />
      {loaded && <DeletionPreviewSummary preview={loaded} audience="admin" />}
      {loaded && !blocked && (
        <TypedConfirmationField
          id="delete-user-confirm"
          expected={user.username}
          value={typed}
          onChange={setTyped}
        />
      )}
      {failure !== undefined && (
        <Box mt={2}>
          <DeleteFailure error={failure} />
        </Box>
      )}
    </ConfirmDialog>
  );
};
