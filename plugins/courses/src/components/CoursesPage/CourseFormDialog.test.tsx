import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { renderInTestApp } from '@backstage/frontend-test-utils';
import type { Course } from '@internal/backstage-plugin-courses-common';
import { CourseFormDialog } from './CourseFormDialog';

const course: Course = {
  id: 'c1',
  title: 'Intro to Linux',
  code: 'CS101',
  term: 'Fall',
  description: '',
  archived: false,
  timeZone: 'Asia/Tokyo',
  joinCode: 'ABCD-EFGH',
  joinCodeEnabled: true,
  myRole: 'instructor',
  createdAt: '2026-11-01T08:00:00.000Z',
  updatedAt: '2026-11-01T08:00:00.000Z',
};

/** Types into the zone field and picks the one option it narrows to. */
async function pickZone(zone: string) {
  const input = screen.getByLabelText('Time zone');
  await userEvent.clear(input);
  await userEvent.type(input, zone);
  const listbox = await screen.findByRole('listbox');
  await userEvent.click(within(listbox).getByText(zone));
}

describe('CourseFormDialog time zone', () => {
  it("starts a new course in the browser's zone and sends the zone picked", async () => {
    const browserZone = new Intl.DateTimeFormat().resolvedOptions().timeZone;
    const onSubmit = jest.fn().mockResolvedValue(undefined);
    await renderInTestApp(
      <CourseFormDialog open onClose={jest.fn()} onSubmit={onSubmit} />,
    );

    expect(screen.getByLabelText('Time zone')).toHaveValue(browserZone);
    expect(
      screen.getByText('Class sessions are scheduled in this zone'),
    ).toBeInTheDocument();

    await userEvent.type(screen.getByLabelText('Title'), 'Networks');
    await userEvent.type(screen.getByLabelText('Code'), 'CS201');
    await pickZone('Europe/Berlin');
    expect(screen.getByLabelText('Time zone')).toHaveValue('Europe/Berlin');
    await userEvent.click(
      screen.getByRole('button', { name: 'Create course' }),
    );

    await waitFor(() =>
      expect(onSubmit).toHaveBeenCalledWith({
        title: 'Networks',
        code: 'CS201',
        term: '',
        description: '',
        timeZone: 'Europe/Berlin',
      }),
    );
  });

  it("shows the course's zone when editing and keeps it unless changed", async () => {
    const onSubmit = jest.fn().mockResolvedValue(undefined);
    await renderInTestApp(
      <CourseFormDialog
        open
        course={course}
        onClose={jest.fn()}
        onSubmit={onSubmit}
      />,
    );

    expect(screen.getByLabelText('Time zone')).toHaveValue('Asia/Tokyo');
    await userEvent.click(screen.getByRole('button', { name: 'Save changes' }));
    await waitFor(() =>
      expect(onSubmit).toHaveBeenLastCalledWith(
        expect.objectContaining({ timeZone: 'Asia/Tokyo' }),
      ),
    );

    await pickZone('America/New_York');
    await userEvent.click(screen.getByRole('button', { name: 'Save changes' }));
    await waitFor(() =>
      expect(onSubmit).toHaveBeenLastCalledWith({
        title: 'Intro to Linux',
        code: 'CS101',
        term: 'Fall',
        description: '',
        timeZone: 'America/New_York',
      }),
    );
  });

  it('offers a zone the list spells differently when a course holds it', async () => {
    await renderInTestApp(
      <CourseFormDialog
        open
        course={{ ...course, timeZone: 'Etc/GMT+5' }}
        onClose={jest.fn()}
        onSubmit={jest.fn()}
      />,
    );
    expect(screen.getByLabelText('Time zone')).toHaveValue('Etc/GMT+5');
  });
});
