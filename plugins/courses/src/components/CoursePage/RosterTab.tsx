import { FormEvent, useState } from 'react';
import { Table, TableColumn } from '@backstage/core-components';
import { alertApiRef, useApi } from '@backstage/core-plugin-api';
import {
  BusyButton,
  ConfirmDialog,
  errorMessage,
  LoadStatus,
  RelativeTime,
  useFormAction,
} from '@internal/backstage-plugin-labstage-react';
import type { RosterEntry } from '@internal/backstage-plugin-courses-common';
import {
  Box,
  Button,
  Card,
  CardContent,
  Chip,
  TextField,
  Typography,
} from '@material-ui/core';
import PersonAddIcon from '@material-ui/icons/PersonAdd';
import { useCoursesApi } from '../../api/hooks';
import { useCourseContext } from './context';
import { useCourseData } from './useCourseData';

const AddInstructorForm = (props: { onAdded: () => void }) => {
  const { course } = useCourseContext();
  const coursesApi = useCoursesApi();
  const alertApi = useApi(alertApiRef);
  const [username, setUsername] = useState('');
  const { busy, error, setError, run } = useFormAction();
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const name = username.trim().toLowerCase();
    if (!name) {
      setError('Enter the username of an instructor');
      return;
    }
    await run(async () => {
      await coursesApi.addInstructor(course.id, name);
      setUsername('');
      alertApi.post({
        message: `${name} now co-teaches ${course.code}`,
        severity: 'success',
        display: 'transient',
      });
      props.onAdded();
    });
  };
  return (
    <Card variant="outlined">
      <CardContent>
        <Typography variant="subtitle1">Add co-instructor</Typography>
        <Typography variant="body2" color="textSecondary" gutterBottom>
          Co-instructors can post announcements, manage materials and the
          roster.
        </Typography>
        <form onSubmit={submit} noValidate>
          <Box display="flex" gridGap={12} alignItems="flex-start" mt={1}>
            <TextField
              id="add-instructor-username"
              label="Username"
              variant="outlined"
              size="small"
              value={username}
              onChange={e => setUsername(e.target.value)}
              error={Boolean(error)}
              helperText={error}
            />
            <BusyButton
              type="submit"
              variant="contained"
              color="primary"
              busy={busy}
              startIcon={<PersonAddIcon />}
            >
              Add co-instructor
            </BusyButton>
          </Box>
        </form>
      </CardContent>
    </Card>
  );
};

export const RosterTab = () => {
  const { course, me } = useCourseContext();
  const coursesApi = useCoursesApi();
  const alertApi = useApi(alertApiRef);
  const [toRemove, setToRemove] = useState<RosterEntry>();
  const { value, loading, error, retry } = useCourseData((api, id) =>
    api.getRoster(id),
  );
  const items = value ?? [];
  const students = items.filter(r => r.role === 'student').length;

  const columns: TableColumn<RosterEntry>[] = [
    { title: 'Name', field: 'displayName', highlight: true },
    { title: 'Username', field: 'username' },
    {
      title: 'Role',
      field: 'role',
      render: r => (
        <Chip
          size="small"
          label={r.role === 'instructor' ? 'Instructor' : 'Student'}
          color={r.role === 'instructor' ? 'primary' : 'default'}
        />
      ),
    },
    {
      title: 'Joined',
      field: 'joinedAt',
      defaultSort: 'desc',
      render: r => <RelativeTime iso={r.joinedAt} />,
    },
    {
      title: '',
      sorting: false,
      align: 'right',
      render: r =>
        r.username === me?.username ? null : (
          <Button
            size="small"
            onClick={() => setToRemove(r)}
            aria-label={`Remove ${r.username}`}
          >
            Remove
          </Button>
        ),
    },
  ];

  return (
    <Box display="flex" flexDirection="column" gridGap={24}>
      <AddInstructorForm onAdded={retry} />
      <LoadStatus
        loading={loading && !value}
        error={error}
        empty={
          value && items.length === 0
            ? {
                missing: 'data',
                title: 'Nobody here yet',
                description:
                  'Share the join code from the Overview tab; students appear here as they join.',
              }
            : undefined
        }
      />
      {items.length > 0 && (
        <Table<RosterEntry>
          title={`Members (${items.length}; ${students} ${
            students === 1 ? 'student' : 'students'
          })`}
          options={{ paging: items.length > 25, pageSize: 25, search: true }}
          columns={columns}
          data={items}
        />
      )}
      <ConfirmDialog
        open={Boolean(toRemove)}
        title={`Remove ${toRemove?.displayName ?? ''} from ${course.code}?`}
        confirmLabel="Remove"
        destructive
        onClose={() => setToRemove(undefined)}
        onConfirm={async () => {
          if (!toRemove) return;
          try {
            await coursesApi.removeMember(course.id, toRemove.username);
            setToRemove(undefined);
            retry();
          } catch (e) {
            alertApi.post({ message: errorMessage(e), severity: 'error' });
          }
        }}
      >
        They lose access to the course's content. They can join again with the
        join code if it is enabled.
      </ConfirmDialog>
    </Box>
  );
};
