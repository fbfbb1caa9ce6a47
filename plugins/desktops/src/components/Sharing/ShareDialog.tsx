import { useEffect, useState } from 'react';
import { Progress } from '@backstage/core-components';
import type {
  Desktop,
  DesktopShare,
  ShareCandidate,
  ShareRole,
} from '@internal/backstage-plugin-desktops-common';
import {
  ConfirmDialog,
  DismissibleError,
  errorMessage,
  useFormAction,
  useReloadableAsync,
} from '@internal/backstage-plugin-labstage-react';
import {
  Button,
  DialogContent,
  IconButton,
  List,
  ListItem,
  ListItemSecondaryAction,
  ListItemText,
  makeStyles,
  MenuItem,
  Select,
  TextField,
  Tooltip,
  Typography,
} from '@material-ui/core';
import { Alert } from '@material-ui/lab';
import PersonAddIcon from '@material-ui/icons/PersonAdd';
import RemoveCircleOutlineIcon from '@material-ui/icons/RemoveCircleOutline';
import { useDesktopsApi } from '../../api/hooks';
import { DesktopDialog } from '../common/DesktopDialog';
import { SHARE_ROLE_LABELS } from './roleText';

const useStyles = makeStyles(theme => ({
  invite: {
    display: 'flex',
    gap: theme.spacing(1),
    alignItems: 'flex-start',
    flexWrap: 'wrap',
    marginBottom: theme.spacing(2),
  },
  person: { flex: '2 1 220px' },
  role: { flex: '1 1 160px' },
  inviteButton: { marginTop: theme.spacing(1) },
  heading: { marginTop: theme.spacing(1) },
  shareRow: { paddingRight: theme.spacing(30) },
  rowActions: { display: 'flex', alignItems: 'center', gap: theme.spacing(1) },
  alert: { marginBottom: theme.spacing(2) },
}));

function candidateLabel(candidate: ShareCandidate): string {
  const courses = candidate.courses.map(c => c.title).join(', ');
  const relation =
    candidate.relation === 'instructor' ? 'instructor' : 'classmate';
  return courses
    ? `${candidate.displayName} (${relation}, ${courses})`
    : `${candidate.displayName} (${relation})`;
}

const ShareDialogBody = ({ desktop }: { desktop: Desktop }) => {
  const classes = useStyles();
  const api = useDesktopsApi();
  const data = useReloadableAsync(async () => {
    const [shares, candidates] = await Promise.all([
      api.listShares(desktop.id),
      api.listShareCandidates(desktop.id),
    ]);
    return { shares, candidates };
  }, [api, desktop.id]);
  const [edited, setEdited] = useState<DesktopShare[]>();
  const [person, setPerson] = useState('');
  const [role, setRole] = useState<ShareRole>('viewer');
  const [revoking, setRevoking] = useState<DesktopShare>();
  const [changeError, setChangeError] = useState<string>();
  const invite = useFormAction();

  // Edits made here replace the loaded list; a reload starts from it again.
  useEffect(() => setEdited(undefined), [data.value]);
  const shares = edited ?? data.value?.shares;

  if (data.loading && !data.value) {
    return (
      <DialogContent>
        <Progress />
      </DialogContent>
    );
  }
  if (!data.value || !shares) {
    return (
      <DialogContent>
        <Alert
          severity="error"
          action={<Button onClick={data.retry}>Try again</Button>}
        >
          Could not load who this desktop is shared with:{' '}
          {errorMessage(data.error)}
        </Alert>
      </DialogContent>
    );
  }

  const invitable = data.value.candidates.filter(
    c => !shares.some(s => s.grantee === c.userEntityRef),
  );
  const loaded = shares;
  const upsert = (share: DesktopShare) =>
    setEdited(list => {
      const rest = (list ?? loaded).filter(s => s.grantee !== share.grantee);
      return [...rest, share].sort((a, b) =>
        a.granteeName.localeCompare(b.granteeName),
      );
    });

  const submitInvite = async () => {
    if (!person) {
      invite.setError('Choose whom to invite');
      return;
    }
    const ok = await invite.run(async () =>
      upsert(await api.setShare(desktop.id, person, role)),
    );
    if (ok) setPerson('');
  };

  const changeRole = async (share: DesktopShare, next: ShareRole) => {
    setChangeError(undefined);
    try {
      upsert(await api.setShare(desktop.id, share.grantee, next));
    } catch (e) {
      setChangeError(
        `${share.granteeName}’s role was not changed: ${errorMessage(e)}`,
      );
    }
  };

  const nobody = data.value.candidates.length === 0 && shares.length === 0;

  return (
    <DialogContent>
      {nobody ? (
        <Alert severity="info">
          <strong>No classmates or instructors to share with yet.</strong> You
          can share with people who are in a course with you; they appear here
          once you are enrolled in one.
        </Alert>
      ) : (
        <form
          className={classes.invite}
          noValidate
          aria-label="Invite someone"
          onSubmit={e => {
            e.preventDefault();
            submitInvite();
          }}
        >
          <TextField
            select
            id="share-person"
            label="Person"
            value={person}
            onChange={e => {
              setPerson(e.target.value);
              invite.setError(undefined);
            }}
            className={classes.person}
            variant="outlined"
            size="small"
            disabled={invitable.length === 0}
            helperText={
              invitable.length === 0
                ? 'Everyone you can invite already has access.'
                : undefined
            }
          >
            {invitable.map(c => (
              <MenuItem key={c.userEntityRef} value={c.userEntityRef}>
                {candidateLabel(c)}
              </MenuItem>
            ))}
          </TextField>
          <TextField
            select
            id="share-role"
            label="Role"
            value={role}
            onChange={e => setRole(e.target.value as ShareRole)}
            className={classes.role}
            variant="outlined"
            size="small"
          >
            <MenuItem value="viewer">{SHARE_ROLE_LABELS.viewer}</MenuItem>
            <MenuItem value="controller">
              {SHARE_ROLE_LABELS.controller}
            </MenuItem>
          </TextField>
          <Button
            type="submit"
            variant="contained"
            color="primary"
            startIcon={<PersonAddIcon />}
            disabled={invite.busy || invitable.length === 0}
          >
            Invite
          </Button>
        </form>
      )}
      {invite.error && (
        <Alert severity="error" role="alert" className={classes.alert}>
          {invite.error}
        </Alert>
      )}
      <DismissibleError
        message={changeError}
        onDismiss={() => setChangeError(undefined)}
        className={classes.alert}
        role="alert"
      />
      <Typography
        variant="subtitle2"
        component="h3"
        className={classes.heading}
        id="share-people-heading"
      >
        People with access
      </Typography>
      {shares.length === 0 ? (
        <Typography variant="body2" color="textSecondary">
          Only you. Invited people find this desktop under “Shared with me”.
        </Typography>
      ) : (
        <List dense aria-labelledby="share-people-heading">
          {shares.map(share => (
            <ListItem key={share.grantee} className={classes.shareRow}>
              <ListItemText primary={share.granteeName} />
              <ListItemSecondaryAction className={classes.rowActions}>
                <Select
                  value={share.role}
                  inputProps={{ 'aria-label': `Role of ${share.granteeName}` }}
                  onChange={e => {
                    const next = e.target.value as ShareRole;
                    if (next !== share.role) changeRole(share, next);
                  }}
                  disableUnderline
                >
                  <MenuItem value="viewer">Viewer</MenuItem>
                  <MenuItem value="controller">Controller</MenuItem>
                </Select>
                <Tooltip title="Revoke access">
                  <IconButton
                    edge="end"
                    aria-label={`Revoke ${share.granteeName}’s access`}
                    onClick={() => setRevoking(share)}
                  >
                    <RemoveCircleOutlineIcon />
                  </IconButton>
                </Tooltip>
              </ListItemSecondaryAction>
            </ListItem>
          ))}
        </List>
      )}
      <ConfirmDialog
        open={Boolean(revoking)}
        title={`Revoke ${revoking?.granteeName ?? ''}’s access?`}
        confirmLabel="Revoke access"
        destructive
        onClose={() => setRevoking(undefined)}
        onConfirm={async () => {
          if (!revoking) return;
          const target = revoking;
          try {
            await api.revokeShare(desktop.id, target.grantee);
            setEdited(list =>
              (list ?? loaded).filter(s => s.grantee !== target.grantee),
            );
          } catch (e) {
            setChangeError(
              `${target.granteeName} still has access: ${errorMessage(e)}`,
            );
          }
          setRevoking(undefined);
        }}
      >
        If {revoking?.granteeName ?? 'they'} has this desktop open, the
        connection closes at once. You can invite them again later.
      </ConfirmDialog>
    </DialogContent>
  );
};

/**
 * The owner shares a desktop person by person: invite a classmate or an
 * instructor as viewer or controller, change a role, revoke (confirmed;
 * the person's open connections are cut at once).
 */
export const ShareDialog = (props: {
  /** The desktop to share; the dialog is open while it is set. */
  desktop?: Desktop;
  onClose: () => void;
}) => (
  <DesktopDialog
    {...props}
    titleId="share-dialog-title"
    title={name => `Share “${name}”`}
    maxWidth="sm"
    closeLabel="Done"
  >
    {desktop => <ShareDialogBody desktop={desktop} />}
  </DesktopDialog>
);
