import { useEffect, useState } from 'react';
import {
  FormDialog,
  useFormAction,
} from '@internal/backstage-plugin-labstage-react';
import { isValidTimeZone } from '@internal/backstage-plugin-courses-common';
import type {
  Course,
  CreateCourseRequest,
} from '@internal/backstage-plugin-courses-common';
import { Grid, TextField } from '@material-ui/core';
import { MarkdownEditor } from '../common/MarkdownEditor';
import { browserTimeZone } from '../common/timeZones';
import { TimeZoneField } from './TimeZoneField';

/** The form's fields: every field of a new course, as typed. */
export type CourseFormValues = Required<CreateCourseRequest>;

type Errors = Partial<Record<keyof CourseFormValues, string>>;

function validate(v: CourseFormValues): Errors {
  const errors: Errors = {};
  if (!v.title.trim()) errors.title = 'Give the course a title';
  else if (v.title.trim().length > 200)
    errors.title = 'Keep the title under 200 characters';
  if (!v.code.trim()) errors.code = 'Enter a short course code, e.g. CS101';
  else if (v.code.trim().length > 32)
    errors.code = 'Keep the code under 32 characters';
  if (v.term.trim().length > 64)
    errors.term = 'Keep the term under 64 characters';
  if (!isValidTimeZone(v.timeZone))
    errors.timeZone = `Unknown time zone '${v.timeZone}'. Use an IANA name like Europe/Berlin`;
  return errors;
}

/** A new course starts in the zone of the browser it is created in. */
function emptyCourse(): CourseFormValues {
  return {
    title: '',
    code: '',
    term: '',
    description: '',
    timeZone: browserTimeZone(),
  };
}

/** Create a course, or edit one when `course` is given. */
export const CourseFormDialog = (props: {
  open: boolean;
  course?: Course;
  onClose: () => void;
  onSubmit: (input: CourseFormValues) => Promise<void>;
}) => {
  const { open, course, onClose, onSubmit } = props;
  const [values, setValues] = useState<CourseFormValues>(() => emptyCourse());
  const [errors, setErrors] = useState<Errors>({});
  const { busy, error, setError, run } = useFormAction();

  useEffect(() => {
    if (open) {
      setValues(
        course
          ? {
              title: course.title,
              code: course.code,
              term: course.term ?? '',
              description: course.description ?? '',
              timeZone: course.timeZone,
            }
          : emptyCourse(),
      );
      setErrors({});
      setError(undefined);
    }
  }, [open, course, setError]);

  const set = (key: keyof CourseFormValues) => (value: string) => {
    setValues(v => ({ ...v, [key]: value }));
    setErrors(e => ({ ...e, [key]: undefined }));
  };

  const submit = async () => {
    const found = validate(values);
    setErrors(found);
    if (Object.values(found).some(Boolean)) return;
    await run(() =>
      onSubmit({
        title: values.title.trim(),
        code: values.code.trim(),
        term: values.term.trim(),
        description: values.description,
        timeZone: values.timeZone,
      }),
    );
  };

  const field = (
    key: 'title' | 'code' | 'term',
    label: string,
    hint: string,
  ) => (
    <TextField
      id={`course-${key}`}
      label={label}
      variant="outlined"
      fullWidth
      value={values[key]}
      onChange={e => set(key)(e.target.value)}
      error={Boolean(errors[key])}
      helperText={errors[key] ?? hint}
    />
  );

  return (
    <FormDialog
      open={open}
      titleId="course-form-title"
      title={course ? 'Edit course' : 'Create course'}
      submitLabel={course ? 'Save changes' : 'Create course'}
      busy={busy}
      onSubmit={submit}
      onClose={onClose}
      error={error}
      maxWidth="md"
    >
      <Grid container spacing={2}>
        <Grid item xs={12}>
          {field('title', 'Title', 'e.g. Introduction to Linux')}
        </Grid>
        <Grid item xs={12} sm={6}>
          {field('code', 'Code', 'e.g. CS101')}
        </Grid>
        <Grid item xs={12} sm={6}>
          {field('term', 'Term', 'e.g. Fall 2025')}
        </Grid>
        <Grid item xs={12} sm={6}>
          <TimeZoneField
            value={values.timeZone}
            onChange={set('timeZone')}
            error={errors.timeZone}
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
    </FormDialog>
  );
};
