import { act, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { renderInTestApp } from '@backstage/frontend-test-utils';
import { signalApiRef } from '@backstage/plugin-signals-react';
import { desktopPresenceChannel } from '@internal/backstage-plugin-desktops-common';
import { fakeSignals } from '../../__testUtils__/fakeSignals';
import { ScheduledStopBanner } from './ScheduledStopBanner';

const reason =
  'Class is over: this desktop stops in 5 minutes. Save your work; your home is kept.';

async function render(running: boolean) {
  const signals = fakeSignals();
  await renderInTestApp(
    <ScheduledStopBanner desktopId="d1" running={running} />,
    { apis: [[signalApiRef, signals.api as any]] },
  );
  return signals;
}

describe('ScheduledStopBanner', () => {
  it("shows the owner's open viewer that Labstage stops the desktop soon, until closed", async () => {
    const signals = await render(true);
    const channel = desktopPresenceChannel('d1');
    await signals.subscribed(channel);
    expect(screen.queryByTestId('scheduled-stop')).toBeNull();
    // Another desktop's notice is not this one's.
    act(() =>
      signals.send(channel, {
        type: 'stop-scheduled',
        desktopId: 'd2',
        stopsAt: '2026-12-01T09:50:00.000Z',
        reason,
      }),
    );
    expect(screen.queryByTestId('scheduled-stop')).toBeNull();
    act(() =>
      signals.send(channel, {
        type: 'stop-scheduled',
        desktopId: 'd1',
        stopsAt: '2026-12-01T09:50:00.000Z',
        reason,
      }),
    );
    expect(await screen.findByTestId('scheduled-stop')).toHaveTextContent(
      reason,
    );
    await userEvent.click(screen.getByRole('button', { name: 'Close' }));
    expect(screen.queryByTestId('scheduled-stop')).toBeNull();
  });

  it('does not listen while the desktop is not running', async () => {
    const signals = await render(false);
    expect(signals.listeners).toEqual([]);
  });
});
