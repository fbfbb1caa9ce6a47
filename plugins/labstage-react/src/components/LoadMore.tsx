import { Button } from '@material-ui/core';
import { Alert } from '@material-ui/lab';
import type { PagedList } from '../hooks/usePagedList';

/**
 * The foot of a paged list: why the last page could not be read, and the
 * button that reads the next one while there is one.
 *
 * @public
 */
export const LoadMore = (props: {
  list: PagedList<unknown>;
  /** The button's text, e.g. "Show older entries". */
  label: string;
  classes?: { alert?: string; button?: string };
}) => {
  const { list, classes } = props;
  return (
    <>
      {list.more.error && (
        <Alert severity="error" role="alert" className={classes?.alert}>
          {list.more.error}
        </Alert>
      )}
      {list.hasMore && (
        <Button
          className={classes?.button}
          onClick={list.loadMore}
          disabled={list.more.busy}
        >
          {props.label}
        </Button>
      )}
    </>
  );
};
