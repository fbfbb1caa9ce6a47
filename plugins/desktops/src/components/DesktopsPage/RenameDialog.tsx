import { useEffect, useRef, useState } from 'react';
import {
  desktopNameSchema,
  type Desktop,
} from '@internal/backstage-plugin-desktops-common';
import { TextField } from '@material-ui/core';
import {
  FormDialog,
  useFormAction,
} from '@internal/backstage-plugin-labstage-react';

/** Renames a desktop; the name is checked with the server's own schema. */
export const RenameDialog = (props: {
  desktop?: Desktop;
  onClose: () => void;
  onRename: (desktop: Desktop, name: string) => Promise<void>;
}) => {
  const { desktop, onClose, onRename } = props;
  const [name, setName] = useState('');
  const [invalid, setInvalid] = useState<string>();
  const { busy, error, setError, run } = useFormAction();
  const input = useRef<HTMLInputElement>(null);

  useEffect(() => {
    setName(desktop?.name ?? '');
    setInvalid(undefined);
    setError(undefined);
  }, [desktop, setError]);

  const submit = async () => {
    if (!desktop) return;
    const parsed = desktopNameSchema.safeParse(name);
    if (!parsed.success) {
      setInvalid(parsed.error.issues[0]?.message ?? 'Invalid name');
      return;
    }
    if (await run(() => onRename(desktop, parsed.data))) onClose();
  };

  return (
    <FormDialog
      open={Boolean(desktop)}
      titleId="rename-desktop-title"
      title="Rename desktop"
      submitLabel="Rename"
      busy={busy}
      onSubmit={submit}
      onClose={onClose}
      error={error}
      focusRef={input}
    >
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
    </FormDialog>
  );
};
