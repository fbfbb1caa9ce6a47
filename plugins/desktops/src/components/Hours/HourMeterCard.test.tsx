import { act, screen } from '@testing-library/react';
import type { HourUsage } from '@internal/backstage-plugin-desktops-common';
import { renderWithDesktopsApi } from '../../__testUtils__/renderWithDesktopsApi';
import { HourMeterCard, METER_REFRESH_MS } from './HourMeterCard';

const HOUR = 3600;

function usage(overrides: Partial<HourUsage>): HourUsage {
  return {
    courseId: 'c1',
    weekStart: '2026-11-30',
    usedSeconds: 6.5 * HOUR,
    budgetSeconds: 20 * HOUR,
    extraSeconds: 0,
    state: 'ok',
    ...overrides,
  };
}

async function renderMeter(mine: HourUsage, isStudent = true) {
  const api = { getMyHours: jest.fn().mockResolvedValue(mine) };
  await renderWithDesktopsApi(
    <HourMeterCard
      courseId="c1"
      courseCode="CS101"
      canManage={!isStudent}
      isStudent={isStudent}
    />,
    api,
  );
  return api;
}

const bar = () =>
  screen.getByRole('progressbar', { name: 'Desktop hours used this week' });

describe('HourMeterCard', () => {
  it("shows a student's week: used of the budget, the bar and when it resets", async () => {
    const api = await renderMeter(usage({}));
    expect(
      await screen.findByText('6.5 of 20 h this week'),
    ).toBeInTheDocument();
    expect(api.getMyHours).toHaveBeenCalledWith('c1');
    expect(bar()).toHaveAttribute('aria-valuenow', '33');
    expect(screen.getByText(/resets Mon 00:00/)).toBeInTheDocument();
    expect(screen.getByTestId('hour-meter')).toHaveAttribute(
      'data-state',
      'ok',
    );
    expect(screen.queryByRole('alert')).toBeNull();
    expect(screen.queryByText(/granted/)).toBeNull();
  });

  it('warns from 90% of the allowance, extra hours included, in the warning colour', async () => {
    await renderMeter(
      usage({
        usedSeconds: 20 * HOUR,
        extraSeconds: 2 * HOUR,
        state: 'warning',
      }),
    );
    expect(await screen.findByText('20 of 20 h this week')).toBeInTheDocument();
    expect(screen.getByText('+2 h granted')).toBeInTheDocument();
    expect(
      screen.getByText(
        "You have used 90% of this week's desktop hours: 2 h left.",
      ),
    ).toBeInTheDocument();
    // 20 of 22 hours.
    expect(bar()).toHaveAttribute('aria-valuenow', '91');
    expect(bar().firstElementChild!.className).toMatch(
      /LabstageHourMeter-warning/,
    );
  });

  it('says the hours are used up and what that means for the desktop', async () => {
    await renderMeter(usage({ usedSeconds: 20.2 * HOUR, state: 'exhausted' }));
    expect(
      await screen.findByText(
        "This week's hours are used up; your desktop runs only during class. Ask your instructor for extra hours.",
      ),
    ).toBeInTheDocument();
    expect(screen.getByText('20.2 of 20 h this week')).toBeInTheDocument();
    expect(bar()).toHaveAttribute('aria-valuenow', '100');
    expect(bar().firstElementChild!.className).toMatch(
      /LabstageHourMeter-exhausted/,
    );
  });

  it('says when the course has no weekly limit, without a bar', async () => {
    await renderMeter(usage({ budgetSeconds: null }));
    expect(await screen.findByText('No weekly limit')).toBeInTheDocument();
    expect(screen.getByText('6.5 h used this week')).toBeInTheDocument();
    expect(screen.queryByRole('progressbar')).toBeNull();
  });

  it('follows the running desktop: read again every minute', async () => {
    jest.useFakeTimers();
    try {
      const api = await renderMeter(usage({}));
      expect(
        await screen.findByText('6.5 of 20 h this week'),
      ).toBeInTheDocument();
      api.getMyHours.mockResolvedValue(usage({ usedSeconds: 6.6 * HOUR + 1 }));
      await act(async () => {
        jest.advanceTimersByTime(METER_REFRESH_MS);
      });
      expect(
        await screen.findByText('6.6 of 20 h this week'),
      ).toBeInTheDocument();
      expect(api.getMyHours).toHaveBeenCalledTimes(2);
    } finally {
      jest.useRealTimers();
    }
  });

  it("is the students' only: instructors neither see nor load it", async () => {
    const api = await renderMeter(usage({}), false);
    expect(screen.queryByText('Desktop hours')).toBeNull();
    expect(api.getMyHours).not.toHaveBeenCalled();
  });
});
