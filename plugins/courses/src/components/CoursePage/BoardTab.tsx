import { useState } from 'react';
import {
  EmptyState,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { alertApiRef, useApi } from '@backstage/core-plugin-api';
import { useReloadableAsync } from '@internal/backstage-plugin-labstage-react';
import {
  Box,
  Button,
  Card,
  CardContent,
  LinearProgress,
  makeStyles,
  Typography,
} from '@material-ui/core';
import Pagination from '@material-ui/lab/Pagination';
import AddIcon from '@material-ui/icons/Add';
import type { Board } from '@internal/backstage-plugin-courses-common';
import { useCoursesApi } from '../../api/hooks';
import { useCourseContext } from './context';
import { PostForm } from './PostForm';
import { PostItem } from './PostItem';

export const PAGE_SIZE = 10;

const useStyles = makeStyles(theme => ({
  composer: { marginBottom: theme.spacing(2) },
  toolbar: {
    display: 'flex',
    justifyContent: 'space-between',
    alignItems: 'center',
    marginBottom: theme.spacing(2),
  },
  /** Reserves the bar's height, so the list does not jump. */
  refreshBar: { height: 4, marginBottom: theme.spacing(1) },
  pagination: {
    display: 'flex',
    justifyContent: 'center',
    marginTop: theme.spacing(2),
  },
}));

const BOARD_TEXT: Record<
  Board,
  {
    newLabel: string;
    emptyTitle: string;
    emptyStaff: string;
    emptyStudent: string;
    placeholder: string;
  }
> = {
  announcements: {
    newLabel: 'New announcement',
    emptyTitle: 'No announcements yet',
    emptyStaff:
      'Post an announcement to tell the whole class about deadlines, changes or news.',
    emptyStudent:
      'Your instructor has not posted anything yet. Announcements will appear here.',
    placeholder: 'What does the class need to know?',
  },
  qa: {
    newLabel: 'Ask a question',
    emptyTitle: 'No questions yet',
    emptyStaff:
      'Students’ questions will appear here. You can pin useful threads and lock finished ones.',
    emptyStudent:
      'Stuck on something? Ask a question; classmates and instructors can reply.',
    placeholder:
      'Describe what you tried and where you got stuck. Markdown and code blocks welcome.',
  },
};

/** A paged board of posts: the course's announcements or its Q&A. */
export const BoardTab = ({ board }: { board: Board }) => {
  const classes = useStyles();
  const { course, canManage } = useCourseContext();
  const coursesApi = useCoursesApi();
  const alertApi = useApi(alertApiRef);
  const [page, setPage] = useState(1);
  const [composing, setComposing] = useState(false);
  const text = BOARD_TEXT[board];
  const canPost = board === 'qa' ? !course.archived || canManage : canManage;

  const { value, loading, error, retry } = useReloadableAsync(
    () => coursesApi.listPosts(course.id, board, page, PAGE_SIZE),
    [coursesApi, course.id, board, page],
  );
  // The previous page stays on screen while the next one loads; say so.
  const refreshing = Boolean(value) && (loading || value?.page !== page);

  const pageCount = value ? Math.max(1, Math.ceil(value.total / PAGE_SIZE)) : 1;

  return (
    <Box maxWidth={960}>
      <div className={classes.toolbar}>
        <Typography variant="h5" component="h2">
          {board === 'qa' ? 'Questions & answers' : 'Announcements'}
        </Typography>
        {canPost && !composing && (
          <Button
            variant="contained"
            color="primary"
            startIcon={<AddIcon />}
            onClick={() => setComposing(true)}
          >
            {text.newLabel}
          </Button>
        )}
      </div>
      {composing && (
        <Card variant="outlined" className={classes.composer}>
          <CardContent>
            <Typography variant="h6" gutterBottom>
              {text.newLabel}
            </Typography>
            <PostForm
              idPrefix={`new-${board}`}
              submitLabel={board === 'qa' ? 'Post question' : 'Publish'}
              bodyLabel={board === 'qa' ? 'Question' : 'Message'}
              placeholder={text.placeholder}
              onCancel={() => setComposing(false)}
              onSubmit={async v => {
                await coursesApi.createPost(course.id, { board, ...v });
                setComposing(false);
                alertApi.post({
                  message:
                    board === 'qa'
                      ? 'Question posted'
                      : 'Announcement published',
                  severity: 'success',
                  display: 'transient',
                });
                if (page === 1) retry();
                else setPage(1);
              }}
            />
          </CardContent>
        </Card>
      )}
      {loading && !value && <Progress />}
      {error && <ResponseErrorPanel error={error} />}
      {value && value.items.length === 0 && !composing && (
        <EmptyState
          missing="content"
          title={text.emptyTitle}
          description={canManage ? text.emptyStaff : text.emptyStudent}
        />
      )}
      <div className={classes.refreshBar}>
        {refreshing && <LinearProgress aria-label="Loading posts" />}
      </div>
      <div
        role="feed"
        aria-busy={loading || refreshing}
        aria-label={board === 'qa' ? 'Questions' : 'Announcements'}
      >
        {value?.items.map(post => (
          <PostItem key={post.id} post={post} board={board} onChanged={retry} />
        ))}
      </div>
      {value && pageCount > 1 && (
        <div className={classes.pagination}>
          <Pagination
            count={pageCount}
            page={page}
            onChange={(_, p) => setPage(p)}
            color="primary"
          />
        </div>
      )}
    </Box>
  );
};
