import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { renderInTestApp } from '@backstage/frontend-test-utils';
import { DateTime } from 'luxon';
import { coursesApiRef } from '../../api/CoursesClient';
import { BoardTab } from './BoardTab';
import { CourseProvider } from './context';

const course = {
  id: 'c1',
  title: 'Intro to Linux',
  code: 'CS101',
  term: 'Fall',
  description: '',
  archived: false,
} as any;

const me = {
  username: 'alice',
  userEntityRef: 'user:default/alice',
  displayName: 'Alice',
  email: 'alice@example.com',
  role: 'student',
  disabled: false,
  createdAt: '2024-01-01T00:00:00Z',
} as const;

function post(i: number, extra: object = {}) {
  return {
    id: `p${i}`,
    courseId: 'c1',
    board: 'qa',
    title: `Question ${i}`,
    body: `How do I **do** thing ${i}?`,
    authorUsername: 'bob',
    authorDisplayName: 'Bob Builder',
    pinned: false,
    locked: false,
    commentCount: 2,
    createdAt: DateTime.now().minus({ hours: 3 }).toISO(),
    updatedAt: DateTime.now().minus({ hours: 3 }).toISO(),
    ...extra,
  };
}

describe('BoardTab', () => {
  it('lists posts with relative times and pages through them', async () => {
    const listPosts = jest.fn(async (_c, _b, page: number) => ({
      items: page === 1 ? [post(1, { pinned: true }), post(2)] : [post(11)],
      total: 11,
      page,
      pageSize: 10,
    }));
    const listComments = jest.fn().mockResolvedValue([
      {
        id: 'm1',
        postId: 'p1',
        body: 'Try `ls -la`',
        authorUsername: 'teacher',
        authorDisplayName: 'Ms Teacher',
        createdAt: DateTime.now().minus({ minutes: 5 }).toISO(),
      },
    ]);
    await renderInTestApp(
      <CourseProvider
        value={{
          course,
          me: me as any,
          canManage: false,
          isStudent: true,
          reload: jest.fn(),
          panels: [],
        }}
      >
        <BoardTab board="qa" />
      </CourseProvider>,
      { apis: [[coursesApiRef, { listPosts, listComments } as any]] },
    );

    expect(await screen.findByText('Question 1')).toBeInTheDocument();
    expect(screen.getByText('Question 2')).toBeInTheDocument();
    expect(screen.getAllByText('3 hours ago')).toHaveLength(2);
    expect(screen.getByText('Pinned')).toBeInTheDocument();
    expect(listPosts).toHaveBeenCalledWith('c1', 'qa', 1, 10);
    // Students can ask, but not moderate.
    expect(
      screen.getByRole('button', { name: 'Ask a question' }),
    ).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: /Actions for/ })).toBeNull();

    // Open a post: markdown body and replies appear.
    await userEvent.click(screen.getByRole('button', { name: 'Question 1' }));
    expect(await screen.findByText('Ms Teacher')).toBeInTheDocument();
    expect(screen.getByText('5 minutes ago')).toBeInTheDocument();
    // The post body may render after the replies (a clean-clone run once
    // found the replies but not yet the body).
    expect((await screen.findByText('do')).tagName).toBe('STRONG');
    expect(screen.getByLabelText('Reply')).toBeInTheDocument();

    await userEvent.click(screen.getByRole('button', { name: 'Go to page 2' }));
    expect(await screen.findByText('Question 11')).toBeInTheDocument();
    expect(listPosts).toHaveBeenLastCalledWith('c1', 'qa', 2, 10);
  });

  it('marks the list busy while the next page loads, keeping the old one visible', async () => {
    let releasePage2: () => void = () => {};
    const listPosts = jest.fn(async (_c, _b, page: number) => {
      if (page === 2) await new Promise<void>(r => (releasePage2 = r));
      return {
        items: page === 1 ? [post(1)] : [post(11)],
        total: 11,
        page,
        pageSize: 10,
      };
    });
    await renderInTestApp(
      <CourseProvider
        value={{
          course,
          me: me as any,
          canManage: false,
          isStudent: true,
          reload: jest.fn(),
          panels: [],
        }}
      >
        <BoardTab board="qa" />
      </CourseProvider>,
      { apis: [[coursesApiRef, { listPosts } as any]] },
    );
    expect(await screen.findByText('Question 1')).toBeInTheDocument();
    const feed = screen.getByRole('feed', { name: 'Questions' });
    expect(feed).toHaveAttribute('aria-busy', 'false');

    await userEvent.click(screen.getByRole('button', { name: 'Go to page 2' }));
    // Page 2 is held back, so waiting can only find the busy state.
    expect(
      await screen.findByRole('progressbar', { name: 'Loading posts' }),
    ).toBeInTheDocument();
    expect(feed).toHaveAttribute('aria-busy', 'true');
    expect(screen.getByText('Question 1')).toBeInTheDocument();

    releasePage2();
    expect(await screen.findByText('Question 11')).toBeInTheDocument();
    await waitFor(() => expect(feed).toHaveAttribute('aria-busy', 'false'));
    expect(
      screen.queryByRole('progressbar', { name: 'Loading posts' }),
    ).toBeNull();
  });

  it('shows a helpful empty state', async () => {
    const listPosts = jest
      .fn()
      .mockResolvedValue({ items: [], total: 0, page: 1, pageSize: 10 });
    await renderInTestApp(
      <CourseProvider
        value={{
          course,
          me: me as any,
          canManage: false,
          isStudent: true,
          reload: jest.fn(),
          panels: [],
        }}
      >
        <BoardTab board="announcements" />
      </CourseProvider>,
      { apis: [[coursesApiRef, { listPosts } as any]] },
    );
    expect(await screen.findByText('No announcements yet')).toBeInTheDocument();
    expect(
      screen.queryByRole('button', { name: 'New announcement' }),
    ).toBeNull();
  });
});
