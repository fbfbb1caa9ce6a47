import { useState } from 'react';
import {
  Content,
  ContentHeader,
  EmptyState,
  Header,
  Page,
  Progress,
  ResponseErrorPanel,
  Table,
  TableColumn,
} from '@backstage/core-components';
import { alertApiRef, useApi } from '@backstage/core-plugin-api';
import {
  LABSTAGE_ROLES,
  LabstageRole,
  User,
} from '@internal/backstage-plugin-accounts-common';
import {
  roleLabel,
  useAccountsApi,
  useCurrentAccount,
} from '@internal/backstage-plugin-accounts-react';
import {
  ConfirmDialog,
  errorMessage,
  errorStatus,
  RelativeTime,
  useReloadableAsync,
} from '@internal/backstage-plugin-labstage-react';
import {
  Box,
  Chip,
  makeStyles,
  MenuItem,
  Select,
  Typography,
} from '@material-ui/core';
import RefreshIcon from '@material-ui/icons/Refresh';
import { DeleteUserDialog } from './DeleteUserDialog';
import { ResetPasswordDialog } from './ResetPasswordDialog';
import { UserActions } from './UserActions';

const useStyles = makeStyles(theme => ({
  disabledChip: {
    backgroundColor: theme.palette.grey[300],
  },
  activeChip: {
    backgroundColor: '#e3f4ea',
    color: '#1e6b3a',
  },
  you: { marginLeft: theme.spacing(1) },
}));

type PendingAction =
  | { kind: 'role'; user: User; role: LabstageRole }
  | { kind: 'disabled'; user: User; disabled: boolean }
  | { kind: 'reset'; user: User }
  | { kind: 'delete'; user: User };

/**
 * Admin-only list of every account with role, status, password and deletion
 * actions.
 */
export const UsersTable = () => {
  const classes = useStyles();
  const accountsApi = useAccountsApi();
  const alertApi = useApi(alertApiRef);
  const { value: me } = useCurrentAccount();
  const { value, loading, error, retry } = useReloadableAsync(
    () => accountsApi.listUsers(),
    [accountsApi],
  );
  const [pending, setPending] = useState<PendingAction>();

  if (loading && !value) return <Progress />;
  if (error) {
    if (errorStatus(error) === 403) {
      return (
        <EmptyState
          missing="info"
          title="Admins only"
          description="User management is available to Labstage administrators. Ask an administrator if you need a role changed or a password reset."
        />
      );
    }
    return <ResponseErrorPanel error={error} />;
  }
  const users = value ?? [];
  if (users.length === 0) {
    return (
      <EmptyState
        missing="data"
        title="No accounts yet"
        description="Accounts appear here as soon as people sign up."
      />
    );
  }

  const act = async (action: () => Promise<unknown>, success: string) => {
    try {
      await action();
      alertApi.post({
        message: success,
        severity: 'success',
        display: 'transient',
      });
      setPending(undefined);
      retry();
    } catch (e) {
      alertApi.post({ message: errorMessage(e), severity: 'error' });
    }
  };

  const columns: TableColumn<User>[] = [
    {
      title: 'Username',
      field: 'username',
      highlight: true,
      render: u => (
        <>
          {u.username}
          {me?.username === u.username && (
            <Chip size="small" label="you" className={classes.you} />
          )}
        </>
      ),
    },
    { title: 'Display name', field: 'displayName' },
    { title: 'Email', field: 'email' },
    {
      title: 'Role',
      field: 'role',
      render: u => (
        <Select
          value={u.role}
          inputProps={{ 'aria-label': `Role of ${u.username}` }}
          onChange={e => {
            const role = e.target.value as LabstageRole;
            if (role !== u.role) setPending({ kind: 'role', user: u, role });
          }}
          disableUnderline
        >
          {LABSTAGE_ROLES.map(r => (
            <MenuItem key={r} value={r}>
              {roleLabel(r)}
            </MenuItem>
          ))}
        </Select>
      ),
    },
    {
      title: 'Status',
      field: 'disabled',
      render: u =>
        u.disabled ? (
          <Chip
            size="small"
            label="Disabled"
            className={classes.disabledChip}
          />
        ) : (
          <Chip size="small" label="Active" className={classes.activeChip} />
        ),
    },
    {
      title: 'Created',
      field: 'createdAt',
      defaultSort: 'desc',
      render: u => <RelativeTime iso={u.createdAt} />,
    },
    {
      title: 'Actions',
      sorting: false,
      render: u => (
        <UserActions
          user={u}
          canDelete={Boolean(me && me.username !== u.username)}
          onToggleDisabled={() =>
            setPending({ kind: 'disabled', user: u, disabled: !u.disabled })
          }
          onResetPassword={() => setPending({ kind: 'reset', user: u })}
          onDelete={() => setPending({ kind: 'delete', user: u })}
        />
      ),
    },
  ];

  return (
    <>
      <Table<User>
        title={`Users (${users.length})`}
        options={{ paging: users.length > 20, pageSize: 20, search: true }}
        columns={columns}
        data={users}
        isLoading={loading}
        actions={[
          {
            icon: () => <RefreshIcon />,
            tooltip: 'Refresh',
            isFreeAction: true,
            onClick: () => retry(),
          },
        ]}
      />
      {pending?.kind === 'role' && (
        <ConfirmDialog
          open
          title={`Change role of ${pending.user.username}?`}
          confirmLabel="Change role"
          onClose={() => setPending(undefined)}
          onConfirm={() =>
            act(
              () => accountsApi.setRole(pending.user.username, pending.role),
              `${pending.user.username} is now ${roleLabel(
                pending.role,
              ).toLowerCase()}`,
            )
          }
        >
          {pending.user.displayName} will change from{' '}
          <strong>{roleLabel(pending.user.role)}</strong> to{' '}
          <strong>{roleLabel(pending.role)}</strong>. This takes effect
          immediately.
        </ConfirmDialog>
      )}
      {pending?.kind === 'disabled' && (
        <ConfirmDialog
          open
          title={`${pending.disabled ? 'Disable' : 'Enable'} ${
            pending.user.username
          }?`}
          confirmLabel={pending.disabled ? 'Disable' : 'Enable'}
          destructive={pending.disabled}
          onClose={() => setPending(undefined)}
          onConfirm={() =>
            act(
              () =>
                accountsApi.setDisabled(
                  pending.user.username,
                  pending.disabled,
                ),
              `${pending.user.username} ${
                pending.disabled ? 'disabled' : 'enabled'
              }`,
            )
          }
        >
          {pending.disabled
            ? `${pending.user.displayName} will be signed out everywhere and will not be able to sign in until the account is enabled again.`
            : `${pending.user.displayName} will be able to sign in again.`}
        </ConfirmDialog>
      )}
      {pending?.kind === 'reset' && (
        <ResetPasswordDialog
          user={pending.user}
          onClose={() => setPending(undefined)}
          onReset={password =>
            act(
              () => accountsApi.resetPassword(pending.user.username, password),
              `Password of ${pending.user.username} reset; their sessions were signed out`,
            )
          }
        />
      )}
      {pending?.kind === 'delete' && (
        <DeleteUserDialog
          user={pending.user}
          onClose={() => setPending(undefined)}
          onAttemptFailed={retry}
          onDeleted={() => {
            alertApi.post({
              message: `${pending.user.username} deleted`,
              severity: 'success',
              display: 'transient',
            });
            setPending(undefined);
            retry();
          }}
        />
      )}
    </>
  );
};

export const AdminPage = () => (
  <Page themeId="tool">
    <Header title="Admin" subtitle="Accounts, roles and access" />
    <Content>
      <ContentHeader title="Users">
        <Box maxWidth={520}>
          <Typography variant="body2" color="textSecondary">
            Changes apply at once: role changes and disabling do not wait for
            the user to sign in again.
          </Typography>
        </Box>
      </ContentHeader>
      <UsersTable />
    </Content>
  </Page>
);
