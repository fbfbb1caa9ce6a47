import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import type {
  CapacityReport,
  HourQuotaDefaults,
} from '@internal/backstage-plugin-desktops-common';
import { LabstageApiError } from '@internal/backstage-plugin-labstage-react';
import { renderWithDesktopsApi } from '../../__testUtils__/renderWithDesktopsApi';
import { CapacityOverview } from './CapacityPage';

const report: CapacityReport = {
  source: 'docker',
  allocatable: { cpus: 4, memoryMiB: 8192 },
  inUse: { cpus: 1.5, memoryMiB: 3072, desktops: 3 },
  perDesktop: { cpus: 0.5, memoryMiB: 1024 },
  fitsNow: 5,
  upcoming: [
    {
      courseId: 'c1',
      courseCode: 'CS101',
      sessionId: 's1',
      title: 'Weekly lab',
      start: '2026-12-01T08:50:00.000Z',
      end: '2026-12-01T10:45:00.000Z',
      students: 4,
      fits: true,
      shortBy: 0,
    },
    {
      courseId: 'c2',
      courseCode: 'MA201',
      sessionId: 's2',
      title: 'Exam practice',
      start: '2026-12-02T12:50:00.000Z',
      end: '2026-12-02T14:15:00.000Z',
      students: 11,
      fits: false,
      shortBy: 3,
    },
  ],
};

function fakeApi(
  defaults: HourQuotaDefaults = {
    weeklyHours: 20,
    classTimeCounts: false,
  },
) {
  const api = {
    getCapacity: jest.fn().mockResolvedValue(report),
    getHourDefaults: jest.fn().mockResolvedValue(defaults),
    setHourDefaults: jest.fn(async (next: HourQuotaDefaults) => {
      api.getHourDefaults.mockResolvedValue(next);
      return next;
    }),
  };
  return api;
}

async function renderPage(api = fakeApi()) {
  await renderWithDesktopsApi(<CapacityOverview />, api);
  return api;
}

const sessionRow = (course: string) =>
  within(screen.getByRole('table', { name: 'Upcoming sessions' }))
    .getByText(course)
    .closest('tr') as HTMLElement;

describe('CapacityOverview', () => {
  it('shows what fits now: allocatable, in use and per desktop', async () => {
    await renderPage();
    expect(
      await screen.findByText('5 more desktops fit now'),
    ).toBeInTheDocument();
    expect(screen.getByText('Docker host')).toBeInTheDocument();
    expect(screen.getByText('4 CPUs · 8 GiB memory')).toBeInTheDocument();
    expect(
      screen.getByText('1.5 CPUs · 3 GiB memory by 3 desktops'),
    ).toBeInTheDocument();
    expect(screen.getByText('0.5 CPUs · 1 GiB memory')).toBeInTheDocument();
    expect(screen.getByText('CPU: 1.5 of 4 CPUs in use')).toBeInTheDocument();
    expect(
      screen.getByRole('progressbar', { name: 'Memory in use' }),
    ).toHaveAttribute('aria-valuenow', '38');
  });

  it('lists the upcoming sessions and highlights one that would not fit', async () => {
    await renderPage();
    await screen.findByRole('table', { name: 'Upcoming sessions' });
    const fits = sessionRow('CS101');
    expect(fits).toHaveTextContent('Weekly lab');
    expect(within(fits).getByText('Fits')).toBeInTheDocument();
    expect(fits.className).not.toMatch(/LabstageUpcomingSessions-short/);

    const short = sessionRow('MA201');
    expect(short).toHaveTextContent('Exam practice');
    expect(short).toHaveTextContent('11');
    expect(within(short).getByText('Short by 3 desktops')).toBeInTheDocument();
    expect(short.className).toMatch(/LabstageUpcomingSessions-short/);
  });

  it('says when no desktop fits and no session is planned', async () => {
    const api = fakeApi();
    api.getCapacity.mockResolvedValue({
      ...report,
      source: 'kubernetes',
      fitsNow: 0,
      upcoming: [],
    });
    await renderPage(api);
    expect(
      await screen.findByText('No more desktops fit now'),
    ).toBeInTheDocument();
    expect(
      screen.getByText('No class sessions in the next 7 days.'),
    ).toBeInTheDocument();
  });

  it('edits the hour quota defaults, checked with the server schema', async () => {
    const api = await renderPage();
    expect(await screen.findByText('20 h')).toBeInTheDocument();
    expect(screen.getByText('No')).toBeInTheDocument();
    fireEvent.click(screen.getByRole('button', { name: 'Edit defaults' }));

    const form = screen.getByRole('form', { name: 'Hour quota defaults' });
    const hours = within(form).getByLabelText('Hours per week');
    expect(hours).toHaveValue(20);
    fireEvent.change(hours, { target: { value: '-1' } });
    fireEvent.click(
      within(form).getByRole('button', { name: 'Save defaults' }),
    );
    expect(
      await within(form).findByText('Weekly hours cannot be negative'),
    ).toBeInTheDocument();
    expect(api.setHourDefaults).not.toHaveBeenCalled();

    fireEvent.change(hours, { target: { value: '15' } });
    fireEvent.click(
      within(form).getByLabelText('Class time counts toward the hours'),
    );
    fireEvent.click(
      within(form).getByRole('button', { name: 'Save defaults' }),
    );
    expect(
      await screen.findByText('Hour quota defaults saved'),
    ).toBeInTheDocument();
    expect(api.setHourDefaults).toHaveBeenCalledWith({
      weeklyHours: 15,
      classTimeCounts: true,
    });
    expect(await screen.findByText('15 h')).toBeInTheDocument();
    expect(screen.getByText('Yes')).toBeInTheDocument();
  });

  it('sets no weekly limit as null hours', async () => {
    const api = await renderPage();
    fireEvent.click(
      await screen.findByRole('button', { name: 'Edit defaults' }),
    );
    const form = screen.getByRole('form', { name: 'Hour quota defaults' });
    fireEvent.click(within(form).getByLabelText('No weekly limit'));
    fireEvent.click(
      within(form).getByRole('button', { name: 'Save defaults' }),
    );
    await waitFor(() =>
      expect(api.setHourDefaults).toHaveBeenCalledWith({
        weeklyHours: null,
        classTimeCounts: false,
      }),
    );
    expect(await screen.findByText('No weekly limit')).toBeInTheDocument();
  });

  it('tells non-admins the page is for admins', async () => {
    const api = fakeApi();
    api.getCapacity.mockRejectedValue(
      new LabstageApiError('You do not have permission to do that.', 403),
    );
    await renderPage(api);
    expect(await screen.findByText('Admins only')).toBeInTheDocument();
  });
});
