import { FormEvent, useState } from 'react';
import {
  desktopAuditActions,
  DesktopAuditAction,
} from '@internal/backstage-plugin-desktops-common';
import { Button, makeStyles, MenuItem, TextField } from '@material-ui/core';
import { DateTime } from 'luxon';
import type { AuditFilters } from '../../api/DesktopsClient';
import { ACTION_LABELS } from './auditText';

const useStyles = makeStyles(theme => ({
  form: {
    display: 'flex',
    flexWrap: 'wrap',
    gap: theme.spacing(2),
    alignItems: 'flex-start',
    marginBottom: theme.spacing(2),
  },
  field: { minWidth: 200 },
  button: { marginTop: theme.spacing(1) },
}));

/** The form's fields, as typed (dates in the local zone). */
type Draft = {
  desktopId: string;
  user: string;
  action: DesktopAuditAction | '';
  from: string;
  to: string;
};

const EMPTY: Draft = { desktopId: '', user: '', action: '', from: '', to: '' };

/** `alice` → `user:default/alice`; a full ref is kept as it is. */
export function toUserRef(text: string): string | undefined {
  const trimmed = text.trim();
  if (!trimmed) return undefined;
  return trimmed.includes(':') ? trimmed : `user:default/${trimmed}`;
}

/**
 * The filters as the API takes them, or the first problem. `from` is the
 * start of its day and `to` the end of its day, in the local zone.
 */
export function draftToFilters(
  draft: Draft,
): { filters: AuditFilters } | { problem: string } {
  const from = draft.from
    ? DateTime.fromISO(draft.from).startOf('day')
    : undefined;
  const to = draft.to ? DateTime.fromISO(draft.to).endOf('day') : undefined;
  if (from && to && from > to) {
    return { problem: 'The “From” date must not be after the “To” date.' };
  }
  const desktopId = draft.desktopId.trim();
  if (desktopId && !/^[a-z0-9]{1,36}$/.test(desktopId)) {
    return {
      problem: 'A desktop id is lowercase letters and digits, as in its URL.',
    };
  }
  return {
    filters: {
      desktopId: desktopId || undefined,
      user: toUserRef(draft.user),
      action: draft.action || undefined,
      from: from?.toUTC().toISO() ?? undefined,
      to: to?.toUTC().toISO() ?? undefined,
    },
  };
}

/** Desktop, user, action and date range of the audit log. */
export const AuditFiltersForm = (props: {
  onApply: (filters: AuditFilters) => void;
}) => {
  const classes = useStyles();
  const [draft, setDraft] = useState<Draft>(EMPTY);
  const [problem, setProblem] = useState<string>();
  const set = (field: keyof Draft) => (e: { target: { value: string } }) => {
    setDraft(d => ({ ...d, [field]: e.target.value }));
    setProblem(undefined);
  };

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const result = draftToFilters(draft);
    if ('problem' in result) setProblem(result.problem);
    else props.onApply(result.filters);
  };

  return (
    <form
      className={classes.form}
      onSubmit={submit}
      noValidate
      aria-label="Filter the audit log"
    >
      <TextField
        id="audit-desktop"
        label="Desktop id"
        size="small"
        variant="outlined"
        className={classes.field}
        value={draft.desktopId}
        onChange={set('desktopId')}
      />
      <TextField
        id="audit-user"
        label="User"
        helperText="Username, e.g. alice"
        size="small"
        variant="outlined"
        className={classes.field}
        value={draft.user}
        onChange={set('user')}
      />
      <TextField
        select
        id="audit-action"
        label="Action"
        size="small"
        variant="outlined"
        className={classes.field}
        value={draft.action}
        onChange={set('action')}
      >
        <MenuItem value="">Any action</MenuItem>
        {desktopAuditActions.map(action => (
          <MenuItem key={action} value={action}>
            {ACTION_LABELS[action]}
          </MenuItem>
        ))}
      </TextField>
      <TextField
        id="audit-from"
        label="From"
        type="date"
        size="small"
        variant="outlined"
        InputLabelProps={{ shrink: true }}
        value={draft.from}
        onChange={set('from')}
        error={Boolean(problem)}
        helperText={problem}
      />
      <TextField
        id="audit-to"
        label="To"
        type="date"
        size="small"
        variant="outlined"
        InputLabelProps={{ shrink: true }}
        value={draft.to}
        onChange={set('to')}
      />
      <Button
        type="submit"
        variant="contained"
        color="primary"
        className={classes.button}
      >
        Apply filters
      </Button>
      <Button
        className={classes.button}
        onClick={() => {
          setDraft(EMPTY);
          setProblem(undefined);
          props.onApply({});
        }}
      >
        Clear
      </Button>
    </form>
  );
};
