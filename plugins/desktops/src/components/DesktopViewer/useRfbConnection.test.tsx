import { useState } from 'react';
import { act, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { renderInTestApp } from '@backstage/frontend-test-utils';
import { desktopsApiRef } from '../../api/DesktopsClient';
import { aDesktop } from '../../__testUtils__/desktopFixture';
import { DEFAULT_VIEWER_SETTINGS } from './settings';
import {
  ACCESS_REVOKED_CLOSE_CODE,
  useRfbConnection,
} from './useRfbConnection';

// noVNC is ES-module only and needs a canvas; the hook's part is what it
// does with the socket and noVNC's events, so both are stand-ins here.
const mockRfbs: MockRfb[] = [];
class MockRfb extends EventTarget {
  viewOnly = false;
  channel: FakeSocket;
  constructor(_target: HTMLElement, channel: FakeSocket) {
    super();
    this.channel = channel;
    mockRfbs.push(this);
  }
  disconnect() {}
  focus() {}
  clipboardPasteFrom() {}
}
jest.mock('@novnc/novnc', () => ({
  __esModule: true,
  default: function RFB(this: unknown, ...args: [HTMLElement, FakeSocket]) {
    return new MockRfb(...args);
  },
}));

class FakeSocket extends EventTarget {
  constructor(readonly url: string) {
    super();
  }
  close() {}
}
const RealWebSocket = global.WebSocket;
beforeAll(() => {
  (global as any).WebSocket = FakeSocket;
});
afterAll(() => {
  (global as any).WebSocket = RealWebSocket;
});
beforeEach(() => {
  mockRfbs.length = 0;
});

const Probe = (props: { initialViewOnly: boolean }) => {
  const [target] = useState(() => document.createElement('div'));
  const [viewOnly, setViewOnly] = useState(props.initialViewOnly);
  const { status } = useRfbConnection({
    desktopId: 'd1',
    enabled: true,
    target,
    mode: 'control',
    viewOnly,
    settings: DEFAULT_VIEWER_SETTINGS,
    onClipboard: () => {},
    checkDesktop: async () => aDesktop(),
  });
  return (
    <>
      <span data-testid="status">
        {status.kind}
        {'reason' in status ? `: ${status.reason}` : ''}
      </span>
      <button onClick={() => setViewOnly(false)}>Give input</button>
    </>
  );
};

function fakeApi() {
  return {
    issueTicket: jest.fn().mockResolvedValue({
      ticket: 't',
      mode: 'control',
      desktopId: 'd1',
      expiresAt: '2030-01-01T00:00:00Z',
      path: '/connect?ticket=t',
    }),
    connectUrl: jest.fn().mockResolvedValue('ws://gateway/connect?ticket=t'),
  };
}

async function render(api: object, initialViewOnly = false) {
  await renderInTestApp(<Probe initialViewOnly={initialViewOnly} />, {
    apis: [[desktopsApiRef, api as any]],
  });
  await waitFor(() => expect(mockRfbs).toHaveLength(1));
  return mockRfbs[0];
}

function close(rfb: MockRfb, code: number, reason: string) {
  act(() => {
    rfb.channel.dispatchEvent(
      Object.assign(new Event('close'), { code, reason }),
    );
    rfb.dispatchEvent(
      new CustomEvent('disconnect', { detail: { clean: true } }),
    );
  });
}

describe('useRfbConnection', () => {
  it('stops with "access revoked" when the gateway closes with AccessRevoked, without reconnecting', async () => {
    const api = fakeApi();
    const rfb = await render(api);
    expect(rfb.channel.url).toBe('ws://gateway/connect?ticket=t');
    act(() => {
      rfb.dispatchEvent(new Event('connect'));
    });
    expect(screen.getByTestId('status')).toHaveTextContent('connected');

    close(rfb, ACCESS_REVOKED_CLOSE_CODE, 'access revoked');
    expect(screen.getByTestId('status')).toHaveTextContent(
      'revoked: access revoked',
    );
    // Well past the first reconnect delay (1 s): no new ticket.
    await new Promise(resolve => setTimeout(resolve, 1500));
    expect(api.issueTicket).toHaveBeenCalledTimes(1);
    expect(mockRfbs).toHaveLength(1);
  });

  it('reconnects after any other close', async () => {
    const api = fakeApi();
    const rfb = await render(api);
    close(rfb, 1000, '');
    await waitFor(() =>
      expect(screen.getByTestId('status')).toHaveTextContent('reconnecting'),
    );
    await waitFor(() => expect(api.issueTicket).toHaveBeenCalledTimes(2));
  });

  it('switches input on and off without reconnecting', async () => {
    const api = fakeApi();
    const rfb = await render(api, true);
    expect(rfb.viewOnly).toBe(true);
    expect(api.issueTicket).toHaveBeenCalledWith('d1', 'control');
    await userEvent.click(screen.getByRole('button', { name: 'Give input' }));
    expect(rfb.viewOnly).toBe(false);
    expect(mockRfbs).toHaveLength(1);
  });
});
