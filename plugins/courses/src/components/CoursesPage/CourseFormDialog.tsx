import { FormEvent, useEffect, useState } from 'react';
import { errorMessage } from '@internal/backstage-plugin-accounts-react';
import type { Course } from '@internal/backstage-plugin-courses-common';
import {
  Box,
  Button,
  CircularProgress,
  Dialog,
  DialogActions,
  DialogContent,
  DialogTitle,
  Grid,
  TextField,
} from '@material-ui/core';
import Alert from '@material-ui/lab/Alert';
import { CreateCourseInput } from '../../api/CoursesClient';
import { MarkdownEditor } from '../common/MarkdownEditor';

type Errors = Partial<Record<keyof CreateCourseInput, string>>;

function validate(v: CreateCourseInput): Errors {
  const errors: Errors = {};
  if (!v.title.trim()) errors.title = 'Give the course a title';
  else if (v.title.trim().length > 200) errors.title = 'Keep the title under 200 characters';
  if (!v.code.trim()) errors.code = 'Enter a short course code, e.g. CS101';
  else if (v.code.trim().length > 32) errors.code = 'Keep the code under 32 characters';
  if (v.term.trim().length > 64) errors.term = 'Keep the term under 64 characters';
  return errors;
}

/** Create a course, or edit one when `course` is given. */
export const CourseFormDialog = (props: {
  open: boolean;
  course?: Course;
  onClose: () => void;
  onSubmit: (input: CreateCourseInput) => Promise<void>;
}) => {
  const { open, course, onClose, onSubmit } = props;
  const empty = { title: '', code: '', term: '', description: '' };
  const [values, setValues] = useState<CreateCourseInput>(empty);
  const [errors, setErrors] = useState<Errors>({});
  const [serverError, setServerError] = useState<string>();
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    if (open) {
      setValues(
        course
          ? {
              title: course.title,
              code: course.code,
              term: course.term ?? '',
              description: course.description ?? '',
            }
          : { title: '', code: '', term: '', description: '' },
      );
      setErrors({});
      setServerError(undefined);
    }
  }, [open, course]);

  const set = (key: keyof CreateCourseInput) => (value: string) => {
    setValues(v => ({ ...v, [key]: value }));
    setErrors(e => ({ ...e, [key]: undefined }));
  };

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const found = validate(values);
    setErrors(found);
    if (Object.values(found).some(Boolean)) return;
    setBusy(true);
    setServerError(undefined);
    try {
      await onSubmit({
        title: values.title.trim(),
        code: values.code.trim(),
        term: values.term.trim(),
        description: values.description,
      });
    } catch (err) {
      setServerError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Dialog
      open={open}
      onClose={busy ? undefined : onClose}
      maxWidth="md"
      fullWidth
      aria-labelledby="course-form-title"
    >
      <form onSubmit={submit} noValidate>
        <DialogTitle id="course-form-title">
          {course ? 'Edit course' : 'Create course'}
        </DialogTitle>
        <DialogContent>
          {serverError && (
            <Box mb={2}>
              <Alert severity="error" role="alert">
                {serverError}
              </Alert>
            </Box>
          )}
          <Grid container spacing={2}>
            <Grid item xs={12}>
              <TextField
                id="course-title"
                label="Title"
                variant="outlined"
                fullWidth
                value={values.title}
                onChange={e => set('title')(e.target.value)}
                error={Boolean(errors.title)}
                helperText={errors.title ?? 'e.g. Introduction to Linux'}
              />
            </Grid>
            <Grid item xs={12} sm={6}>
              <TextField
                id="course-code"
                label="Code"
                variant="outlined"
                fullWidth
                value={values.code}
                onChange={e => set('code')(e.target.value)}
                error={Boolean(errors.code)}
                helperText={errors.code ?? 'e.g. CS101'}
              />
            </Grid>
            <Grid item xs={12} sm={6}>
              <TextField
                id="course-term"
                label="Term"
                variant="outlined"
                fullWidth
                value={values.term}
                onChange={e => set('term')(e.target.value)}
                error={Boolean(errors.term)}
                helperText={errors.term ?? 'e.g. Fall 2025'}
              />
            </Grid>
            <Grid item xs={12}>
              <MarkdownEditor
                id="course-description"
                label="Description"
                value={values.description}
                onChange={set('description')}
                rows={8}
                placeholder="What students will learn, schedule, how to get help…"
              />
            </Grid>
          </Grid>
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
            {course ? 'Save changes' : 'Create course'}
          </Button>
        </DialogActions>
      </form>
    </Dialog>
  );
};
