import { useEffect, useRef, useState } from 'react';
import {
  FormDialog,
  useFormAction,
} from '@internal/backstage-plugin-labstage-react';
import { DialogContentText, TextField } from '@material-ui/core';

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
  const { busy, error, setError, run } = useFormAction();
  const input = useRef<HTMLInputElement>(null);

  useEffect(() => {
    if (open) setError(undefined);
  }, [open, setError]);

  const submit = async () => {
    const relative = homeRelativePath(path);
    if (!relative) {
      setError('Enter the path of a file in your home folder.');
      return;
    }
    if (await run(() => onDownload(relative))) onClose();
  };

  return (
    <FormDialog
      open={open}
      titleId="download-file-title"
      title="Download a file"
      submitLabel="Download"
      busy={busy}
      onSubmit={submit}
      onClose={onClose}
      error={error}
      maxWidth="sm"
      focusRef={input}
    >
      <DialogContentText>
        The path is relative to your home folder on the desktop (/home/student).
        Uploaded files are in Uploads/.
      </DialogContentText>
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
    </FormDialog>
  );
};
