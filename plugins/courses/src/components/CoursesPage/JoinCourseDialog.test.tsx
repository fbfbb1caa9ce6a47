import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { renderInTestApp } from '@backstage/frontend-test-utils';
import { LabstageApiError } from '@internal/backstage-plugin-labstage-react';
import { coursesApiRef } from '../../api/CoursesClient';
import { JoinCourseDialog } from './JoinCourseDialog';

describe('JoinCourseDialog', () => {
  it('asks for a code, then shows the server error', async () => {
    const join = jest
      .fn()
      .mockRejectedValue(
        new LabstageApiError('Unknown or disabled join code', 400),
      );
    await renderInTestApp(<JoinCourseDialog open onClose={jest.fn()} />, {
      apis: [[coursesApiRef, { join } as any]],
    });

    await userEvent.click(screen.getByRole('button', { name: 'Join' }));
    expect(
      screen.getByText('Enter the join code your instructor gave you'),
    ).toBeInTheDocument();
    expect(join).not.toHaveBeenCalled();

    await userEvent.type(screen.getByLabelText('Join code'), ' WRONG1 ');
    await userEvent.click(screen.getByRole('button', { name: 'Join' }));
    expect(join).toHaveBeenCalledWith('WRONG1');
    expect(await screen.findByRole('alert')).toHaveTextContent(
      'Unknown or disabled join code',
    );
  });

  it('confirms the course joined and links to it', async () => {
    const join = jest.fn().mockResolvedValue({
      id: 'c1',
      code: 'CS101',
      title: 'Intro to Linux',
    });
    const onJoined = jest.fn();
    await renderInTestApp(
      <JoinCourseDialog open onClose={jest.fn()} onJoined={onJoined} />,
      { apis: [[coursesApiRef, { join } as any]] },
    );
    await userEvent.type(screen.getByLabelText('Join code'), 'GOOD42');
    await userEvent.click(screen.getByRole('button', { name: 'Join' }));
    expect(await screen.findByText(/You joined/)).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Open course' })).toHaveAttribute(
      'href',
      '/courses/c1',
    );
    expect(onJoined).toHaveBeenCalled();
  });
});
