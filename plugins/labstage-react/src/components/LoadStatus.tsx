import {
  EmptyState,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';

/** @public */
export type EmptyStatus = {
  missing: 'field' | 'info' | 'content' | 'data';
  title: string;
  description: string;
};

/**
 * What a loaded list shows besides its items: progress on the first load,
 * the error, or an empty state.
 *
 * @public
 */
export const LoadStatus = (props: {
  /** True while nothing is shown yet. */
  loading: boolean;
  error?: Error;
  /** Shown when set: the caller decides the list loaded empty. */
  empty?: EmptyStatus;
}) => (
  <>
    {props.loading && <Progress />}
    {props.error && <ResponseErrorPanel error={props.error} />}
    {props.empty && <EmptyState {...props.empty} />}
  </>
);
