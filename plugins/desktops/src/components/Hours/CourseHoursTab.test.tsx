import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import type {
  CourseHoursResponse,
  StudentHourUsage,
} from '@internal/backstage-plugin-desktops-common';
import { renderWithDesktopsApi } from '../../__testUtils__/renderWithDesktopsApi';
import { CourseHoursTab } from './CourseHoursTab';

const HOUR = 3600;

function student(
  name: string,
  overrides: Partial<StudentHourUsage> = {},
): StudentHourUsage {
  return {
    student: `user:default/${name.toLowerCase()}`,
    displayName: name,
    courseId: 'c1',
    weekStart: '2026-11-30',
    usedSeconds: 5 * HOUR,
    budgetSeconds: 20 * HOUR,
    extraSeconds: 0,
    state: 'ok',
    ...overrides,
  };
}

const hours: CourseHoursResponse = {
  budget: {
    courseId: 'c1',
    weeklyHours: 20,
    classTimeCounts: false,
    source: 'default',
  },
  items: [
    student('Alice', { usedSeconds: 20 * HOUR, state: 'exhausted' }),
    student('Bob', { usedSeconds: 18.5 * HOUR, state: 'warning' }),
  ],
};

function fakeApi() {
  return {
    getCourseHours: jest.fn().mockResolvedValue(hours),
    getHourDefaults: jest
      .fn()
      .mockResolvedValue({ weeklyHours: 20, classTimeCounts: false }),
    setHourBudget: jest.fn().mockResolvedValue({
      courseId: 'c1',
      weeklyHours: 12.5,
      classTimeCounts: true,
      source: 'course',
    }),
    grantHours: jest.fn().mockResolvedValue(
      student('Alice', {
        usedSeconds: 20 * HOUR,
        extraSeconds: 2 * HOUR,
        state: 'warning',
      }),
    ),
  };
}

async function renderTab(api = fakeApi()) {
  await renderWithDesktopsApi(
    <CourseHoursTab
      courseId="c1"
      courseCode="CS101"
      canManage
      isStudent={false}
    />,
    api,
  );
  return api;
}

const rowOf = (name: string) =>
  within(screen.getByRole('table', { name: "Students' hours" }))
    .getByText(name)
    .closest('tr') as HTMLElement;

async function openGrant(name: string) {
  fireEvent.click(
    await screen.findByRole('button', { name: `Grant extra hours to ${name}` }),
  );
  return screen.findByRole('dialog', { name: `Grant extra hours to ${name}` });
}

describe('CourseHoursTab', () => {
  it("lists every student's week with its state", async () => {
    await renderTab();
    await screen.findByRole('table', { name: "Students' hours" });
    expect(rowOf('Alice')).toHaveTextContent('20 h');
    expect(within(rowOf('Alice')).getByText('Used up')).toBeInTheDocument();
    expect(rowOf('Bob')).toHaveTextContent('18.5 h');
    expect(within(rowOf('Bob')).getByText('90% used')).toBeInTheDocument();
    expect(
      screen.getByLabelText('Use the installation default (20 h)'),
    ).toBeChecked();
  });

  it('saves the course budget: its own weekly hours and class time', async () => {
    const api = await renderTab();
    fireEvent.click(await screen.findByLabelText('Set hours for this course'));
    const field = screen.getByLabelText('Hours per week');
    fireEvent.change(field, { target: { value: '200' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save weekly hours' }));
    expect(
      await screen.findByText('A week has at most 168 hours'),
    ).toBeInTheDocument();
    expect(api.setHourBudget).not.toHaveBeenCalled();

    fireEvent.change(field, { target: { value: '12.5' } });
    fireEvent.click(
      screen.getByLabelText('Class time counts toward the hours'),
    );
    fireEvent.click(screen.getByRole('button', { name: 'Save weekly hours' }));
    expect(await screen.findByText('Weekly hours saved')).toBeInTheDocument();
    expect(api.setHourBudget).toHaveBeenCalledWith('c1', {
      weeklyHours: 12.5,
      classTimeCounts: true,
    });
    // The allowances changed: the students' hours are read again.
    await waitFor(() => expect(api.getCourseHours).toHaveBeenCalledTimes(2));
  });

  it('goes back to the installation default with null hours, following its class-time rule too', async () => {
    const api = fakeApi();
    api.getCourseHours.mockResolvedValue({
      ...hours,
      budget: { ...hours.budget, weeklyHours: 10, source: 'course' },
    });
    await renderTab(api);
    expect(await screen.findByLabelText('Hours per week')).toHaveValue(10);
    fireEvent.click(
      screen.getByLabelText('Use the installation default (20 h)'),
    );
    fireEvent.click(screen.getByRole('button', { name: 'Save weekly hours' }));
    // No classTimeCounts: the course follows the default's, also later.
    await waitFor(() =>
      expect(api.setHourBudget).toHaveBeenCalledWith('c1', {
        weeklyHours: null,
      }),
    );
    // Ticking the box keeps class time counted for this course alone.
    fireEvent.click(
      screen.getByLabelText('Class time counts toward the hours'),
    );
    fireEvent.click(screen.getByRole('button', { name: 'Save weekly hours' }));
    await waitFor(() =>
      expect(api.setHourBudget).toHaveBeenLastCalledWith('c1', {
        weeklyHours: null,
        classTimeCounts: true,
      }),
    );
  });

  it("refuses a grant the server's schema refuses, with its message", async () => {
    const api = await renderTab();
    const dialog = await openGrant('Alice');
    const extra = within(dialog).getByLabelText('Extra hours');
    const grant = within(dialog).getByRole('button', { name: 'Grant hours' });

    fireEvent.click(grant);
    expect(
      await within(dialog).findByText('Extra hours must be a number'),
    ).toBeInTheDocument();
    fireEvent.change(extra, { target: { value: '0' } });
    fireEvent.click(grant);
    expect(
      await within(dialog).findByText('Grant more than 0 hours'),
    ).toBeInTheDocument();
    fireEvent.change(extra, { target: { value: '41' } });
    fireEvent.click(grant);
    expect(
      await within(dialog).findByText('Grant at most 40 extra hours at a time'),
    ).toBeInTheDocument();
    fireEvent.change(extra, { target: { value: '2' } });
    fireEvent.change(within(dialog).getByLabelText('Reason (optional)'), {
      target: { value: 'x'.repeat(501) },
    });
    fireEvent.click(grant);
    expect(
      await within(dialog).findByText('Reasons are at most 500 characters'),
    ).toBeInTheDocument();
    expect(api.grantHours).not.toHaveBeenCalled();
  });

  it('grants extra hours to one student and says so', async () => {
    const api = await renderTab();
    const dialog = await openGrant('Alice');
    fireEvent.change(within(dialog).getByLabelText('Extra hours'), {
      target: { value: '2' },
    });
    fireEvent.change(within(dialog).getByLabelText('Reason (optional)'), {
      target: { value: 'Project deadline' },
    });
    fireEvent.click(
      within(dialog).getByRole('button', { name: 'Grant hours' }),
    );
    expect(
      await screen.findByText('Granted 2 extra hours to Alice for this week.'),
    ).toBeInTheDocument();
    expect(api.grantHours).toHaveBeenCalledWith('c1', {
      student: 'user:default/alice',
      extraHours: 2,
      reason: 'Project deadline',
    });
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    // The row shows the answer: 20 h + 2 h, no longer used up.
    expect(rowOf('Alice')).toHaveTextContent('20 h + 2 h');
    expect(within(rowOf('Alice')).getByText('90% used')).toBeInTheDocument();
  });

  it('shows why the server refused a grant, in the dialog', async () => {
    const api = fakeApi();
    api.grantHours.mockRejectedValue(
      new Error('alice is not a student of this course'),
    );
    await renderTab(api);
    const dialog = await openGrant('Alice');
    fireEvent.change(within(dialog).getByLabelText('Extra hours'), {
      target: { value: '1' },
    });
    fireEvent.click(
      within(dialog).getByRole('button', { name: 'Grant hours' }),
    );
    expect(
      await within(dialog).findByText('alice is not a student of this course'),
    ).toBeInTheDocument();
  });
});
