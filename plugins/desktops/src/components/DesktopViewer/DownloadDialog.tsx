import { useEffect, useRef, useState } from 'react';
import { errorMessage } from '@internal/backstage-plugin-accounts-react';
import {
  Button,
  CircularProgress,
  Dialog,
  DialogActions,
  DialogContent,
  DialogContentText,
  DialogTitle,
  TextField,
} from '@material-ui/core';
import { Alert } from '@material-ui/lab';

/** `~/Documents/a.txt` and `/home/student/Documents/a.txt` → `Documents/a.txt`. */
export function homeRelativePath(input: string): string {
  return input
    .trim()
    .replace(/^~\/?/, '')
    .replace(/^\/home\/[^/]+\/?/, '')
    .replace(/^\/+/, '');
}

/** Asks for a file in the desktop's home folder and downloads it. */
export const DownloadDialog = (props: {
  open: boolean;
  onClose: () => void;
  onDownload: (path: string) => Promise<void>;
}) => {
  const { open, onClose, onDownload } = props;
  const [path, setPath] = useState('');
  const [failure, setFailure] = useState<string>();
  const [busy, setBusy] = useState(false);
  const input = useRef<HTMLInputElement>(null);

  useEffect(() => {
    if (open) setFailure(undefined);
  }, [open]);

  const submit = async () => {
    const relative = homeRelativePath(path);
    if (!relative) {
      setFailure('Enter the path of a file in your home folder.');
      return;
    }
    setBusy(true);
    setFailure(undefined);
    try {
      await onDownload(relative);
      onClose();
    } catch (e) {
      setFailure(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Dialog
      open={open}
      onClose={busy ? undefined : onClose}
      aria-labelledby="download-file-title"
      maxWidth="sm"
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
        <DialogTitle id="download-file-title">Download a file</DialogTitle>
        <DialogContent>
          <DialogContentText>
            The path is relative to your home folder on the desktop
            (/home/student). Uploaded files are in Uploads/.
          </DialogContentText>
          {failure && (
            <Alert severity="error" style={{ marginBottom: 16 }}>
              {failure}
            </Alert>
          )}
          <TextField
            id="download-file-path"
            label="File path"
            placeholder="Documents/report.txt"
            value={path}
            onChange={e => setPath(e.target.value)}
            inputRef={input}
            fullWidth
            variant="outlined"
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
            Download
          </Button>
        </DialogActions>
      </form>
    </Dialog>
  );
};
