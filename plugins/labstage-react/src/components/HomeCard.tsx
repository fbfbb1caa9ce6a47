import { ReactNode } from 'react';
import { InfoCard, Link } from '@backstage/core-components';
import { List, ListItem } from '@material-ui/core';
import { EmptyStatus, LoadStatus } from './LoadStatus';

/**
 * The shell of a home page card: a titled card with a load status and a
 * dense list of links.
 *
 * @public
 */
export const HomeCard = (props: {
  title: string;
  action?: ReactNode;
  deepLink?: { title: string; link: string };
  loading: boolean;
  error?: Error;
  empty?: EmptyStatus;
  /** A line above the list, e.g. a quota. */
  summary?: ReactNode;
  children?: ReactNode;
}) => (
  <InfoCard title={props.title} action={props.action} deepLink={props.deepLink}>
    {props.summary}
    <LoadStatus
      loading={props.loading}
      error={props.error}
      empty={props.empty}
    />
    {props.children}
  </InfoCard>
);

/** @public */
export const HomeCardList = (props: { children: ReactNode }) => (
  <List dense disablePadding>
    {props.children}
  </List>
);

/**
 * A row of a {@link HomeCardList} that opens a page.
 *
 * @public
 */
export const HomeCardLink = (props: {
  to: string;
  alignItems?: 'flex-start' | 'center';
  children: ReactNode;
}) => (
  <ListItem
    button
    component={Link}
    to={props.to}
    // ButtonBase would announce the anchor as a button; it navigates.
    role="link"
    divider
    alignItems={props.alignItems}
  >
    {props.children}
  </ListItem>
);
