import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { renderInTestApp } from '@backstage/frontend-test-utils';
import { aDesktop } from '../../__testUtils__/desktopFixture';
import { rootRouteRef } from '../../routes';
import { ViewerOverlay, ViewerOverlayProps } from './ViewerOverlay';

const running = aDesktop();

function render(props: Partial<ViewerOverlayProps>) {
  const all: ViewerOverlayProps = {
    desktop: running,
    deleted: false,
    status: { kind: 'connected' },
    busy: false,
    onStart: jest.fn(),
    onReconnect: jest.fn(),
    ...props,
  };
  renderInTestApp(<ViewerOverlay {...all} />, {
    mountedRoutes: { '/desktops': rootRouteRef },
  });
  return all;
}

describe('ViewerOverlay', () => {
  it('covers nothing once connected', async () => {
    render({});
    expect(screen.queryByRole('button')).toBeNull();
    expect(screen.queryByRole('heading')).toBeNull();
  });

  it('shows why a desktop failed and offers to start it again', async () => {
    const props = render({
      desktop: {
        ...running,
        state: 'error',
        stateReason: 'The desktop ran out of memory (limit 1024 MiB).',
      },
      actionError: 'You already have 2 desktops running (your limit is 2).',
    });
    expect(
      screen.getByText('The desktop ran out of memory (limit 1024 MiB).'),
    ).toBeInTheDocument();
    expect(
      screen.getByText(
        'You already have 2 desktops running (your limit is 2).',
      ),
    ).toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: 'Start again' }));
    expect(props.onStart).toHaveBeenCalledTimes(1);
  });

  it('disables Start while a start is in flight', async () => {
    render({ desktop: { ...running, state: 'stopped' }, busy: true });
    expect(screen.getByRole('button', { name: 'Start' })).toBeDisabled();
  });

  it('counts down a reconnect and lets the user reconnect at once', async () => {
    const props = render({
      status: { kind: 'reconnecting', seconds: 4, reason: 'connection closed' },
    });
    expect(
      screen.getByText('Reconnecting in 4s… (connection closed)'),
    ).toBeInTheDocument();
    await userEvent.click(
      screen.getByRole('button', { name: 'Reconnect now' }),
    );
    expect(props.onReconnect).toHaveBeenCalledTimes(1);
  });

  it('says a deleted desktop is gone and links back to the list', async () => {
    render({ deleted: true });
    expect(screen.getByText('This desktop was deleted.')).toBeInTheDocument();
    // LinkButton is an anchor with the button role.
    expect(
      screen.getByRole('button', { name: 'Back to my desktops' }),
    ).toHaveAttribute('href', '/desktops');
  });

  it('says access was revoked, offers no reconnect, and links back', async () => {
    render({ status: { kind: 'revoked', reason: 'access revoked' } });
    expect(screen.getByText('Access revoked')).toBeInTheDocument();
    expect(screen.getByText(/stopped sharing it with you/)).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: /Reconnect/ })).toBeNull();
    expect(
      screen.getByRole('button', { name: 'Back to my desktops' }),
    ).toHaveAttribute('href', '/desktops');
  });

  it('says why Labstage stopped the desktop', async () => {
    render({
      desktop: {
        ...running,
        state: 'stopped',
        stateReason: 'Class ended at 10:30 (your home is kept)',
      },
    });
    expect(
      screen.getByText('Class ended at 10:30 (your home is kept)'),
    ).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Start' })).toBeEnabled();
  });

  it("offers no Start on someone else's stopped desktop", async () => {
    render({ desktop: { ...running, state: 'stopped' }, canStart: false });
    expect(screen.queryByRole('button', { name: 'Start' })).toBeNull();
    expect(screen.getByText(/Only its owner can start it/)).toBeInTheDocument();
  });
});
