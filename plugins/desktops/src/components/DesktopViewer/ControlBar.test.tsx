import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { renderInTestApp } from '@backstage/frontend-test-utils';
import type { DesktopPresence } from '@internal/backstage-plugin-desktops-common';
import { LabstageApiError } from '@internal/backstage-plugin-labstage-react';
import { desktopsApiRef } from '../../api/DesktopsClient';
import { aPerson, aPresence } from '../../__testUtils__/collaborationFixtures';
import { ControlBar, hasInput } from './ControlBar';
import type { ViewerAccess } from './useViewerAccess';

const ALICE = 'user:default/alice';
const BOB = 'user:default/bob';
const KIM = 'user:default/kim';
const owner = aPerson({
  userEntityRef: ALICE,
  displayName: 'Alice Adams',
  isOwner: true,
  hasControl: true,
  mode: 'control',
});

async function render(
  access: ViewerAccess,
  me: string,
  presence: DesktopPresence,
  api: object,
) {
  const onPresence = jest.fn();
  await renderInTestApp(
    <ControlBar
      desktopId="d1"
      owner={ALICE}
      access={access}
      me={me}
      presence={presence}
      onPresence={onPresence}
    />,
    { apis: [[desktopsApiRef, api as any]] },
  );
  return onPresence;
}

describe('ControlBar', () => {
  it('lets a controller ask for control, then wait, then cancel', async () => {
    const asked = aPresence({
      people: [owner, aPerson({ mode: 'control' })],
      requests: [
        {
          userEntityRef: BOB,
          displayName: 'Bob Brown',
          requestedAt: '2026-01-01T10:00:00Z',
        },
      ],
    });
    const api = {
      requestControl: jest.fn().mockResolvedValue(asked),
      releaseControl: jest.fn().mockResolvedValue(aPresence()),
    };
    const onPresence = await render(
      'controller',
      BOB,
      aPresence({ people: [owner] }),
      api,
    );
    expect(screen.getByText('You are watching.')).toBeInTheDocument();
    await userEvent.click(
      screen.getByRole('button', { name: 'Ask for control' }),
    );
    expect(api.requestControl).toHaveBeenCalledWith('d1');
    expect(onPresence).toHaveBeenCalledWith(asked);
  });

  it('shows a pending request to the controller with a way to cancel it', async () => {
    const api = { releaseControl: jest.fn().mockResolvedValue(aPresence()) };
    await render(
      'controller',
      BOB,
      aPresence({
        people: [owner],
        requests: [
          {
            userEntityRef: BOB,
            displayName: 'Bob Brown',
            requestedAt: '2026-01-01T10:00:00Z',
          },
        ],
      }),
      api,
    );
    expect(
      screen.getByText('Waiting for Alice Adams to accept…'),
    ).toBeInTheDocument();
    await userEvent.click(
      screen.getByRole('button', { name: 'Cancel request' }),
    );
    expect(api.releaseControl).toHaveBeenCalledWith('d1');
  });

  it('lets the owner accept a request with one click and take control back', async () => {
    const granted = aPresence({
      people: [owner, aPerson({ hasControl: true, mode: 'control' })],
      control: {
        userEntityRef: BOB,
        displayName: 'Bob Brown',
        since: '2026-01-01T10:01:00Z',
        how: 'granted',
      },
    });
    const api = {
      grantControl: jest.fn().mockResolvedValue(granted),
      releaseControl: jest.fn().mockResolvedValue(aPresence()),
    };
    const onPresence = await render(
      'owner',
      ALICE,
      aPresence({
        people: [owner, aPerson({ mode: 'control' })],
        requests: [
          {
            userEntityRef: BOB,
            displayName: 'Bob Brown',
            requestedAt: '2026-01-01T10:00:00Z',
          },
        ],
      }),
      api,
    );
    expect(screen.getByText('Bob Brown asks for control')).toBeInTheDocument();
    await userEvent.click(
      screen.getByRole('button', { name: 'Accept: give control to Bob Brown' }),
    );
    expect(api.grantControl).toHaveBeenCalledWith('d1', BOB);
    expect(onPresence).toHaveBeenCalledWith(granted);
  });

  it('tells the student their instructor has control, and offers to take it back', async () => {
    const api = { releaseControl: jest.fn().mockResolvedValue(aPresence()) };
    await render(
      'owner',
      ALICE,
      aPresence({
        control: {
          userEntityRef: KIM,
          displayName: 'Ms Kim',
          since: '2026-01-01T10:01:00Z',
          how: 'taken',
        },
      }),
      api,
    );
    expect(
      screen.getByText(/Your instructor has control \(Ms Kim\)/),
    ).toBeInTheDocument();
    await userEvent.click(
      screen.getByRole('button', { name: 'Take back control' }),
    );
    expect(api.releaseControl).toHaveBeenCalledWith('d1');
  });

  it('lets an instructor take control, and shows why a refusal happened', async () => {
    const api = {
      takeControl: jest
        .fn()
        .mockRejectedValue(
          new LabstageApiError(
            'The desktop is stopped; the control is handed over only while it runs',
            409,
          ),
        ),
    };
    await render('staff', KIM, aPresence({ people: [owner] }), api);
    await userEvent.click(screen.getByRole('button', { name: 'Take control' }));
    expect(api.takeControl).toHaveBeenCalledWith('d1');
    expect(await screen.findByRole('alert')).toHaveTextContent(
      'the control is handed over only while it runs',
    );
  });

  it('lets the holder give control back, and offers a viewer nothing to click', async () => {
    const api = { releaseControl: jest.fn().mockResolvedValue(aPresence()) };
    const held = aPresence({
      control: {
        userEntityRef: KIM,
        displayName: 'Ms Kim',
        since: '2026-01-01T10:01:00Z',
        how: 'taken',
      },
    });
    const { unmount } = await renderInTestApp(
      <ControlBar
        desktopId="d1"
        owner={ALICE}
        access="staff"
        me={KIM}
        presence={held}
        onPresence={jest.fn()}
      />,
      { apis: [[desktopsApiRef, api as any]] },
    );
    expect(screen.getByText(/You have control/)).toBeInTheDocument();
    await userEvent.click(
      screen.getByRole('button', { name: 'Give back control' }),
    );
    expect(api.releaseControl).toHaveBeenCalledWith('d1');
    unmount();

    await render('viewer', BOB, aPresence({ people: [owner] }), {});
    expect(
      screen.getByText('View only: Alice Adams invited you to watch.'),
    ).toBeInTheDocument();
    expect(screen.queryByRole('button')).toBeNull();
  });

  it('gives input to the owner always, and to others only while they hold the control', () => {
    const held = aPresence({
      control: {
        userEntityRef: BOB,
        displayName: 'Bob Brown',
        since: '2026-01-01T10:01:00Z',
        how: 'granted',
      },
    });
    expect(hasInput('owner', aPresence(), ALICE)).toBe(true);
    expect(hasInput('controller', aPresence(), BOB)).toBe(false);
    expect(hasInput('controller', held, BOB)).toBe(true);
    expect(hasInput('staff', held, KIM)).toBe(false);
    expect(hasInput('viewer', held, BOB)).toBe(false);
    expect(hasInput(undefined, held, BOB)).toBe(false);
  });
});
