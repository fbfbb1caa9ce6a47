import { FormEvent, useState } from 'react';
import {
  MarkdownContent,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { alertApiRef, useApi } from '@backstage/core-plugin-api';
import {
  BusyButton,
  ConfirmDialog,
  errorMessage,
  RelativeTime,
  useFormAction,
} from '@internal/backstage-plugin-labstage-react';
import type { Comment, Post } from '@internal/backstage-plugin-courses-common';
import {
  Avatar,
  Box,
  Button,
  makeStyles,
  TextField,
  Typography,
} from '@material-ui/core';
import LockIcon from '@material-ui/icons/Lock';
import { useCoursesApi } from '../../api/hooks';
import { useCourseContext } from './context';
import { useCourseData } from './useCourseData';

const useStyles = makeStyles(theme => ({
  comment: {
    display: 'flex',
    gap: theme.spacing(1.5),
    padding: theme.spacing(1.5, 0),
    borderTop: `1px solid ${theme.palette.divider}`,
  },
  avatar: {
    width: 32,
    height: 32,
    fontSize: 14,
    backgroundColor: theme.palette.primary.light,
  },
  meta: { display: 'flex', gap: theme.spacing(1), alignItems: 'baseline' },
  body: { overflowWrap: 'anywhere', '& p': { margin: theme.spacing(0.5, 0) } },
  actions: { marginLeft: 'auto' },
}));

export function initials(name: string): string {
  return (
    name
      .split(/\s+/)
      .filter(Boolean)
      .slice(0, 2)
      .map(p => p[0]!.toUpperCase())
      .join('') || '?'
  );
}

const CommentItem = (props: {
  comment: Comment;
  postId: string;
  onChanged: () => void;
}) => {
  const classes = useStyles();
  const { course, me } = useCourseContext();
  const coursesApi = useCoursesApi();
  const alertApi = useApi(alertApiRef);
  const { comment } = props;
  const mine = Boolean(me && comment.authorUsername === me.username);
  // Authors edit; authors and moderators delete (the server decides).
  const canDelete = comment.canEdit;
  const [editing, setEditing] = useState(false);
  const [draft, setDraft] = useState(comment.body);
  const [confirmDelete, setConfirmDelete] = useState(false);
  const [busy, setBusy] = useState(false);

  const save = async () => {
    if (!draft.trim()) return;
    setBusy(true);
    try {
      await coursesApi.updateComment(
        course.id,
        props.postId,
        comment.id,
        draft,
      );
      setEditing(false);
      props.onChanged();
    } catch (e) {
      alertApi.post({ message: errorMessage(e), severity: 'error' });
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className={classes.comment}>
      <Avatar className={classes.avatar}>
        {initials(comment.authorDisplayName)}
      </Avatar>
      <Box flexGrow={1} minWidth={0}>
        <div className={classes.meta}>
          <Typography variant="subtitle2">
            {comment.authorDisplayName}
          </Typography>
          <Typography variant="caption" color="textSecondary">
            <RelativeTime iso={comment.createdAt} />
          </Typography>
          {canDelete && !editing && (
            <span className={classes.actions}>
              {mine && (
                <Button size="small" onClick={() => setEditing(true)}>
                  Edit
                </Button>
              )}
              <Button size="small" onClick={() => setConfirmDelete(true)}>
                Delete
              </Button>
            </span>
          )}
        </div>
        {editing ? (
          <Box mt={1}>
            <TextField
              id={`edit-comment-${comment.id}`}
              label="Edit reply"
              multiline
              minRows={2}
              fullWidth
              variant="outlined"
              value={draft}
              onChange={e => setDraft(e.target.value)}
            />
            <Box mt={1} display="flex" gridGap={8} justifyContent="flex-end">
              <Button
                size="small"
                onClick={() => setEditing(false)}
                disabled={busy}
              >
                Cancel
              </Button>
              <Button
                size="small"
                variant="contained"
                color="primary"
                onClick={save}
                disabled={busy || !draft.trim()}
              >
                Save
              </Button>
            </Box>
          </Box>
        ) : (
          <div className={classes.body}>
            <MarkdownContent content={comment.body} dialect="gfm" />
          </div>
        )}
      </Box>
      <ConfirmDialog
        open={confirmDelete}
        title="Delete this reply?"
        confirmLabel="Delete"
        destructive
        onClose={() => setConfirmDelete(false)}
        onConfirm={async () => {
          try {
            await coursesApi.deleteComment(course.id, props.postId, comment.id);
            setConfirmDelete(false);
            props.onChanged();
          } catch (e) {
            alertApi.post({ message: errorMessage(e), severity: 'error' });
          }
        }}
      >
        The reply will be removed for everyone.
      </ConfirmDialog>
    </div>
  );
};

const ReplyForm = (props: { post: Post; onPosted: () => void }) => {
  const { course } = useCourseContext();
  const coursesApi = useCoursesApi();
  const [body, setBody] = useState('');
  const { busy, error, setError, run } = useFormAction();
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!body.trim()) {
      setError('Write a reply first');
      return;
    }
    await run(async () => {
      await coursesApi.createComment(course.id, props.post.id, body);
      setBody('');
      props.onPosted();
    });
  };
  return (
    <form onSubmit={submit} noValidate>
      <TextField
        id={`reply-${props.post.id}`}
        label="Reply"
        placeholder="Write a reply (markdown supported)"
        multiline
        minRows={2}
        fullWidth
        variant="outlined"
        value={body}
        onChange={e => setBody(e.target.value)}
        error={Boolean(error)}
        helperText={error}
      />
      <Box mt={1} display="flex" justifyContent="flex-end">
        <BusyButton
          type="submit"
          variant="contained"
          color="primary"
          size="small"
          busy={busy}
        >
          Post reply
        </BusyButton>
      </Box>
    </form>
  );
};

/** The replies under a post, with a reply form unless the post is locked. */
export const Comments = (props: { post: Post; onCountChange?: () => void }) => {
  const { value, loading, error, retry } = useCourseData(
    (api, id) => api.listComments(id, props.post.id),
    [props.post.id],
  );
  const changed = () => {
    retry();
    props.onCountChange?.();
  };
  return (
    <Box mt={2}>
      <Typography variant="overline" color="textSecondary">
        Replies{value ? ` (${value.length})` : ''}
      </Typography>
      {loading && !value && <Progress />}
      {error && <ResponseErrorPanel error={error} />}
      {value && value.length === 0 && (
        <Typography variant="body2" color="textSecondary" gutterBottom>
          No replies yet.
          {props.post.locked ? '' : ' Be the first to help out.'}
        </Typography>
      )}
      {value?.map(c => (
        <CommentItem
          key={c.id}
          comment={c}
          postId={props.post.id}
          onChanged={changed}
        />
      ))}
      <Box mt={2}>
        {props.post.locked ? (
          <Box
            display="flex"
            alignItems="center"
            gridGap={8}
            color="text.secondary"
          >
            <LockIcon fontSize="small" />
            <Typography variant="body2">
              This post is locked; new replies are closed.
            </Typography>
          </Box>
        ) : (
          <ReplyForm post={props.post} onPosted={changed} />
        )}
      </Box>
    </Box>
  );
};
