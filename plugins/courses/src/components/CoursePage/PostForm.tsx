import { FormEvent, useState } from 'react';
import {
  BusyButton,
  useFormAction,
} from '@internal/backstage-plugin-labstage-react';
import { Box, Button, TextField } from '@material-ui/core';
import Alert from '@material-ui/lab/Alert';
import { MarkdownEditor } from '../common/MarkdownEditor';

/** Title + markdown body form, for new posts and edits. */
export const PostForm = (props: {
  idPrefix: string;
  submitLabel: string;
  initial?: { title: string; body: string };
  bodyLabel?: string;
  placeholder?: string;
  onSubmit: (v: { title: string; body: string }) => Promise<void>;
  onCancel?: () => void;
}) => {
  const [title, setTitle] = useState(props.initial?.title ?? '');
  const [body, setBody] = useState(props.initial?.body ?? '');
  const [errors, setErrors] = useState<{ title?: string; body?: string }>({});
  const { busy, error: serverError, run } = useFormAction();

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    let titleError: string | undefined;
    if (!title.trim()) titleError = 'Add a title';
    else if (title.trim().length > 200)
      titleError = 'Keep the title under 200 characters';
    const found = {
      title: titleError,
      body: !body.trim() ? 'Write something first' : undefined,
    };
    setErrors(found);
    if (found.title || found.body) return;
    await run(async () => {
      await props.onSubmit({ title: title.trim(), body });
      if (!props.initial) {
        setTitle('');
        setBody('');
      }
    });
  };

  return (
    <form onSubmit={submit} noValidate>
      {serverError && (
        <Box mb={2}>
          <Alert severity="error" role="alert">
            {serverError}
          </Alert>
        </Box>
      )}
      <Box mb={2}>
        <TextField
          id={`${props.idPrefix}-title`}
          label="Title"
          variant="outlined"
          fullWidth
          value={title}
          onChange={e => {
            setTitle(e.target.value);
            setErrors(x => ({ ...x, title: undefined }));
          }}
          error={Boolean(errors.title)}
          helperText={errors.title}
        />
      </Box>
      <MarkdownEditor
        id={`${props.idPrefix}-body`}
        label={props.bodyLabel ?? 'Body'}
        value={body}
        onChange={v => {
          setBody(v);
          setErrors(x => ({ ...x, body: undefined }));
        }}
        error={errors.body}
        placeholder={props.placeholder}
      />
      <Box mt={2} display="flex" gridGap={8} justifyContent="flex-end">
        {props.onCancel && (
          <Button onClick={props.onCancel} disabled={busy}>
            Cancel
          </Button>
        )}
        <BusyButton
          type="submit"
          variant="contained"
          color="primary"
          busy={busy}
        >
          {props.submitLabel}
        </BusyButton>
      </Box>
    </form>
  );
};
