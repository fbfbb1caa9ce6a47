import { screen, waitFor } from '@testing-library/react';
import { mockApis, renderInTestApp } from '@backstage/frontend-test-utils';
import { signalApiRef } from '@backstage/plugin-signals-react';
import { desktopPresenceChannel } from '@internal/backstage-plugin-desktops-common';
import { desktopsApiRef } from '../../api/DesktopsClient';
import { aDesktop } from '../../__testUtils__/desktopFixture';
import { aPerson, aPresence } from '../../__testUtils__/collaborationFixtures';
import { fakeSignals } from '../../__testUtils__/fakeSignals';
import { PresenceAvatars } from './PresenceAvatars';
import { PresenceBar } from './PresenceBar';

const alice = aPerson({
  userEntityRef: 'user:default/alice',
  displayName: 'Alice Adams',
  mode: 'control',
  hasControl: true,
  isOwner: true,
});
const bob = aPerson();
const kim = aPerson({
  userEntityRef: 'user:default/kim',
  displayName: 'Ms Kim',
  mode: 'control',
  hasControl: true,
});

describe('PresenceBar', () => {
  it('says who else is here and in which mode, the control holder first', async () => {
    await renderInTestApp(
      <PresenceBar
        presence={aPresence({ people: [alice, bob, kim] })}
        me="user:default/alice"
      />,
    );
    expect(
      screen.getByRole('status', { name: 'Who is here' }),
    ).toHaveTextContent('Ms Kim has control · Bob Brown is watching');
  });

  it('names the owner to a visitor, and shows nothing when I am alone', async () => {
    const { unmount } = await renderInTestApp(
      <PresenceBar
        presence={aPresence({ people: [alice, bob] })}
        me="user:default/bob"
      />,
    );
    expect(screen.getByRole('status')).toHaveTextContent(
      'Alice Adams (owner) is here',
    );
    unmount();
    await renderInTestApp(
      <PresenceBar
        presence={aPresence({ people: [alice] })}
        me="user:default/alice"
      />,
    );
    expect(screen.queryByTestId('presence-bar')).toBeNull();
  });
});

describe('PresenceAvatars', () => {
  it("shows who is on the owner's running desktop, live from the presence signal", async () => {
    const signals = fakeSignals();
    const api = {
      getPresence: jest
        .fn()
        .mockResolvedValue(aPresence({ people: [alice, bob] })),
    };
    await renderInTestApp(<PresenceAvatars desktop={aDesktop()} />, {
      apis: [
        [desktopsApiRef, api as any],
        [signalApiRef, signals.api as any],
        mockApis.identity({ userEntityRef: 'user:default/alice' }),
      ],
    });
    const list = await screen.findByRole('list', { name: 'Here now' });
    expect(list).toHaveTextContent('Bob Brown (watching)');
    expect(list).not.toHaveTextContent('Alice');
    expect(api.getPresence).toHaveBeenCalledWith('d1');

    await signals.subscribed(desktopPresenceChannel('d1'));
    signals.send(desktopPresenceChannel('d1'), {
      type: 'presence-changed',
      presence: aPresence({ people: [alice, bob, kim] }),
    });
    await waitFor(() =>
      expect(screen.getByRole('list', { name: 'Here now' })).toHaveTextContent(
        'Ms Kim (has control)',
      ),
    );
    signals.send(desktopPresenceChannel('d1'), {
      type: 'presence-changed',
      presence: aPresence({ people: [alice] }),
    });
    await waitFor(() => expect(screen.queryByRole('list')).toBeNull());
  });

  it('asks nothing for a desktop that is not running', async () => {
    const api = { getPresence: jest.fn() };
    await renderInTestApp(
      <PresenceAvatars desktop={aDesktop({ state: 'stopped' })} />,
      { apis: [[desktopsApiRef, api as any]] },
    );
    expect(screen.queryByRole('list')).toBeNull();
    expect(api.getPresence).not.toHaveBeenCalled();
  });
});
