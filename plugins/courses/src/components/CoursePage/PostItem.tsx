import { useState } from 'react';
import { MarkdownContent } from '@backstage/core-components';
import { alertApiRef, useApi } from '@backstage/core-plugin-api';
import {
  ConfirmDialog,
  errorMessage,
  RelativeTime,
} from '@internal/backstage-plugin-labstage-react';
import type { Board, Post } from '@internal/backstage-plugin-courses-common';
import {
  Avatar,
  Box,
  Button,
  Card,
  CardContent,
  Chip,
  Collapse,
  IconButton,
  ListItemIcon,
  makeStyles,
  Menu,
  MenuItem,
  Typography,
} from '@material-ui/core';
import MoreVertIcon from '@material-ui/icons/MoreVert';
import ChatIcon from '@material-ui/icons/ChatBubbleOutline';
import PinIcon from '@material-ui/icons/Bookmark';
import LockIcon from '@material-ui/icons/Lock';
import LockOpenIcon from '@material-ui/icons/LockOpen';
import EditIcon from '@material-ui/icons/Edit';
import DeleteIcon from '@material-ui/icons/Delete';
import ExpandMoreIcon from '@material-ui/icons/ExpandMore';
import ExpandLessIcon from '@material-ui/icons/ExpandLess';
import { useCoursesApi } from '../../api/hooks';
import { Comments, initials } from './Comments';
import { useCourseContext } from './context';
import { PostForm } from './PostForm';

const useStyles = makeStyles(theme => ({
  post: { marginBottom: theme.spacing(2) },
  pinned: { borderLeft: `4px solid ${theme.palette.secondary.main}` },
  head: { display: 'flex', alignItems: 'flex-start', gap: theme.spacing(1.5) },
  avatar: { backgroundColor: theme.palette.primary.main },
  titleButton: {
    textAlign: 'left',
    background: 'none',
    border: 0,
    padding: 0,
    cursor: 'pointer',
    font: 'inherit',
    color: 'inherit',
    '&:hover h3': { textDecoration: 'underline' },
  },
  meta: {
    display: 'flex',
    flexWrap: 'wrap',
    gap: theme.spacing(1),
    alignItems: 'center',
    color: theme.palette.text.secondary,
  },
  chip: { height: 20, fontSize: 11 },
  body: { overflowWrap: 'anywhere', marginTop: theme.spacing(1) },
  footer: {
    display: 'flex',
    alignItems: 'center',
    gap: theme.spacing(1),
    marginTop: theme.spacing(1),
  },
}));

type Pending = { kind: 'delete' } | { kind: 'edit' };

function replyLabel(count: number | undefined): string {
  if (typeof count !== 'number') return 'Replies';
  return `${count} ${count === 1 ? 'reply' : 'replies'}`;
}

/** One post: title, author, body (Q&A posts open on click), moderation menu and replies. */
export const PostItem = (props: {
  post: Post;
  board: Board;
  onChanged: () => void;
}) => {
  const classes = useStyles();
  const { post, board } = props;
  const { course } = useCourseContext();
  const coursesApi = useCoursesApi();
  const alertApi = useApi(alertApiRef);
  // The server says what the caller may do.
  const mine = post.canEdit;
  const moderator = post.canModerate;
  const [expanded, setExpanded] = useState(false);
  const [menuAnchor, setMenuAnchor] = useState<HTMLElement | null>(null);
  const [pending, setPending] = useState<Pending>();
  // Announcements are read in full; Q&A posts open on demand.
  const showBody = board === 'announcements' || expanded;
  const commentCount = post.commentCount;

  const moderate = async (
    patch: { pinned?: boolean; locked?: boolean },
    message: string,
  ) => {
    setMenuAnchor(null);
    try {
      await coursesApi.updatePost(course.id, post.id, patch);
      alertApi.post({ message, severity: 'success', display: 'transient' });
      props.onChanged();
    } catch (e) {
      alertApi.post({ message: errorMessage(e), severity: 'error' });
    }
  };

  const hasMenu = mine || moderator;

  return (
    <Card
      variant="outlined"
      className={`${classes.post} ${post.pinned ? classes.pinned : ''}`}
      component="article"
      aria-label={post.title}
    >
      <CardContent>
        <div className={classes.head}>
          <Avatar className={classes.avatar}>
            {initials(post.authorDisplayName)}
          </Avatar>
          <Box flexGrow={1} minWidth={0}>
            <button
              type="button"
              className={classes.titleButton}
              onClick={() => setExpanded(x => !x)}
              aria-expanded={expanded}
            >
              <Typography variant="h6" component="h3">
                {post.title}
              </Typography>
            </button>
            <div className={classes.meta}>
              <Typography variant="body2">{post.authorDisplayName}</Typography>
              <Typography variant="body2">·</Typography>
              <Typography variant="body2">
                <RelativeTime iso={post.createdAt} />
              </Typography>
              {post.pinned && (
                <Chip
                  size="small"
                  icon={<PinIcon />}
                  label="Pinned"
                  className={classes.chip}
                />
              )}
              {post.locked && (
                <Chip
                  size="small"
                  icon={<LockIcon />}
                  label="Locked"
                  className={classes.chip}
                />
              )}
            </div>
          </Box>
          {hasMenu && (
            <>
              <IconButton
                aria-label={`Actions for ${post.title}`}
                onClick={e => setMenuAnchor(e.currentTarget)}
                size="small"
              >
                <MoreVertIcon />
              </IconButton>
              <Menu
                anchorEl={menuAnchor}
                open={Boolean(menuAnchor)}
                onClose={() => setMenuAnchor(null)}
              >
                {mine && (
                  <MenuItem
                    onClick={() => {
                      setMenuAnchor(null);
                      setExpanded(true);
                      setPending({ kind: 'edit' });
                    }}
                  >
                    <ListItemIcon>
                      <EditIcon fontSize="small" />
                    </ListItemIcon>
                    Edit
                  </MenuItem>
                )}
                {moderator && (
                  <MenuItem
                    onClick={() =>
                      moderate(
                        { pinned: !post.pinned },
                        post.pinned ? 'Unpinned' : 'Pinned to the top',
                      )
                    }
                  >
                    <ListItemIcon>
                      <PinIcon fontSize="small" />
                    </ListItemIcon>
                    {post.pinned ? 'Unpin' : 'Pin'}
                  </MenuItem>
                )}
                {moderator && (
                  <MenuItem
                    onClick={() =>
                      moderate(
                        { locked: !post.locked },
                        post.locked ? 'Replies reopened' : 'Replies closed',
                      )
                    }
                  >
                    <ListItemIcon>
                      {post.locked ? (
                        <LockOpenIcon fontSize="small" />
                      ) : (
                        <LockIcon fontSize="small" />
                      )}
                    </ListItemIcon>
                    {post.locked ? 'Unlock' : 'Lock'}
                  </MenuItem>
                )}
                <MenuItem
                  onClick={() => {
                    setMenuAnchor(null);
                    setPending({ kind: 'delete' });
                  }}
                >
                  <ListItemIcon>
                    <DeleteIcon fontSize="small" />
                  </ListItemIcon>
                  Delete
                </MenuItem>
              </Menu>
            </>
          )}
        </div>

        {pending?.kind === 'edit' ? (
          <Box mt={2}>
            <PostForm
              idPrefix={`edit-post-${post.id}`}
              submitLabel="Save"
              initial={{ title: post.title, body: post.body }}
              onCancel={() => setPending(undefined)}
              onSubmit={async v => {
                await coursesApi.updatePost(course.id, post.id, v);
                setPending(undefined);
                props.onChanged();
              }}
            />
          </Box>
        ) : (
          showBody && (
            <div className={classes.body}>
              <MarkdownContent content={post.body} dialect="gfm" />
            </div>
          )
        )}

        <div className={classes.footer}>
          <Button
            size="small"
            startIcon={<ChatIcon fontSize="small" />}
            endIcon={expanded ? <ExpandLessIcon /> : <ExpandMoreIcon />}
            onClick={() => setExpanded(x => !x)}
          >
            {expanded ? 'Hide replies' : replyLabel(commentCount)}
          </Button>
        </div>
        <Collapse in={expanded} unmountOnExit>
          <Comments post={post} onCountChange={props.onChanged} />
        </Collapse>
      </CardContent>
      <ConfirmDialog
        open={pending?.kind === 'delete'}
        title="Delete this post?"
        confirmLabel="Delete"
        destructive
        onClose={() => setPending(undefined)}
        onConfirm={async () => {
          try {
            await coursesApi.deletePost(course.id, post.id);
            setPending(undefined);
            alertApi.post({
              message: 'Post deleted',
              severity: 'success',
              display: 'transient',
            });
            props.onChanged();
          } catch (e) {
            alertApi.post({ message: errorMessage(e), severity: 'error' });
          }
        }}
      >
        “{post.title}” and all its replies will be removed for everyone.
      </ConfirmDialog>
    </Card>
  );
};
