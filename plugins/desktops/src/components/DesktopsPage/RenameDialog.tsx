import { useEffect, useRef, useState } from 'react';
import {
  desktopNameSchema,
  type Desktop,
} from '@internal/backstage-plugin-desktops-common';
import {
  Button,
  CircularProgress,
  Dialog,
  DialogActions,
  DialogContent,
  DialogTitle,
  TextField,
} from '@material-ui/core';
import { Alert } from '@material-ui/lab';
import { errorMessage } from '@internal/backstage-plugin-accounts-react';

/** Renames a desktop; the name is checked with the server's own schema. */
export const RenameDialog = (props: {
  desktop?: Desktop;
  onClose: () => void;
  onRename: (desktop: Desktop, name: string) => Promise<void>;
}) => {
  const { desktop, onClose, onRename } = props;
  const [name, setName] = useState('');
  const [invalid, setInvalid] = useState<string>();
  const [failure, setFailure] = useState<string>();
  const [busy, setBusy] = useState(false);
  const input = useRef<HTMLInputElement>(null);

  useEffect(() => {
    setName(desktop?.name ?? '');
    setInvalid(undefined);
    setFailure(undefined);
  }, [desktop]);

  const submit = async () => {
    if (!desktop) return;
    const parsed = desktopNameSchema.safeParse(name);
    if (!parsed.success) {
      setInvalid(parsed.error.issues[0]?.message ?? 'Invalid name');
      return;
    }
    setBusy(true);
    setFailure(undefined);
    try {
      await onRename(desktop, parsed.data);
      onClose();
    } catch (e) {
      setFailure(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Dialog
      open={Boolean(desktop)}
      onClose={busy ? undefined : onClose}
      aria-labelledby="rename-desktop-title"
      maxWidth="xs"
      fullWidth
      // Focus the field once the dialog has opened.
      TransitionProps={{ onEntered: () => input.current?.focus() }}
    >
      <form
        onSubmit={e => {
          e.preventDefault();
          submit();
        }}
      >
        <DialogTitle id="rename-desktop-title">Rename desktop</DialogTitle>
        <DialogContent>
          {failure && (
            <Alert severity="error" style={{ marginBottom: 16 }}>
              {failure}
            </Alert>
          )}
          <TextField
            id="rename-desktop-name"
            label="Name"
            value={name}
            onChange={e => {
              setName(e.target.value);
              setInvalid(undefined);
            }}
            error={Boolean(invalid)}
            helperText={invalid}
            inputRef={input}
            fullWidth
            variant="outlined"
            inputProps={{ maxLength: 60 }}
          />
        </DialogContent>
        <DialogActions>
          <Button onClick={onClose} disabled={busy}>
            Cancel
          </Button>
          <Button
            type="submit"
            color="primary"
            variant="contained"
            disabled={busy}
            startIcon={busy ? <CircularProgress size={16} /> : undefined}
          >
            Rename
          </Button>
        </DialogActions>
      </form>
    </Dialog>
  );
};
