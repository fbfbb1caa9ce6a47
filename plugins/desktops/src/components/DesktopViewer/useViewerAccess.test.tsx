import { screen, waitFor } from '@testing-library/react';
import { renderInTestApp } from '@backstage/frontend-test-utils';
import { signalApiRef } from '@backstage/plugin-signals-react';
import { desktopPresenceChannel } from '@internal/backstage-plugin-desktops-common';
import { desktopsApiRef } from '../../api/DesktopsClient';
import { aDesktop } from '../../__testUtils__/desktopFixture';
import { fakeSignals } from '../../__testUtils__/fakeSignals';
import { ticketMode, useViewerAccess } from './useViewerAccess';

const bob = 'user:default/bob';

const Probe = () => {
  const access = useViewerAccess(aDesktop(), bob);
  return (
    <p data-testid="access">
      {access ?? 'unknown'} {access ? ticketMode(access) : ''}
    </p>
  );
};

describe('useViewerAccess', () => {
  it("follows the owner's changes to my share while the viewer is open", async () => {
    const signals = fakeSignals();
    const api = {
      listSharedWithMe: jest
        .fn()
        .mockResolvedValue([{ ...aDesktop(), role: 'viewer', ownerName: 'A' }]),
    };
    await renderInTestApp(<Probe />, {
      apis: [
        [desktopsApiRef, api as any],
        [signalApiRef, signals.api as any],
      ],
    });
    await waitFor(() =>
      expect(screen.getByTestId('access')).toHaveTextContent('viewer view'),
    );

    const channel = desktopPresenceChannel('d1');
    await signals.subscribed(channel);
    signals.send(channel, {
      type: 'access-changed',
      desktopId: 'd1',
      role: 'controller',
    });
    await waitFor(() =>
      expect(screen.getByTestId('access')).toHaveTextContent(
        'controller control',
      ),
    );
    // Another desktop's message, and a revoke (the gateway's close tells
    // that one), leave it as it is.
    signals.send(channel, {
      type: 'access-changed',
      desktopId: 'other',
      role: 'viewer',
    });
    signals.send(channel, {
      type: 'access-changed',
      desktopId: 'd1',
      role: null,
    });
    await new Promise(r => setTimeout(r, 50));
    expect(screen.getByTestId('access')).toHaveTextContent(
      'controller control',
    );
  });

  it('is staff for someone who may open it without an invitation', async () => {
    const api = { listSharedWithMe: jest.fn().mockResolvedValue([]) };
    await renderInTestApp(<Probe />, { apis: [[desktopsApiRef, api as any]] });
    await waitFor(() =>
      expect(screen.getByTestId('access')).toHaveTextContent('staff control'),
    );
  });
});
