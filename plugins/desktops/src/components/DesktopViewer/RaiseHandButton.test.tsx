import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { renderInTestApp } from '@backstage/frontend-test-utils';
import { signalApiRef } from '@backstage/plugin-signals-react';
import { classroomSignalChannel } from '@internal/backstage-plugin-desktops-common';
import { LabstageApiError } from '@internal/backstage-plugin-labstage-react';
import { desktopsApiRef } from '../../api/DesktopsClient';
import { fakeSignals } from '../../__testUtils__/fakeSignals';
import { RaiseHandButton } from './RaiseHandButton';

const hand = {
  desktopId: 'd1',
  raisedAt: '2026-01-01T10:00:00.000Z',
  raisedBy: 'user:default/alice',
};

async function render(api: object, signals = fakeSignals()) {
  const onError = jest.fn();
  await renderInTestApp(
    <RaiseHandButton desktopId="d1" courseId="c1" onError={onError} />,
    {
      apis: [
        [desktopsApiRef, api as any],
        [signalApiRef, signals.api as any],
      ],
    },
  );
  return { onError, signals };
}

describe('RaiseHandButton', () => {
  it('raises and lowers the hand', async () => {
    const api = {
      getHand: jest.fn().mockResolvedValue(null),
      raiseHand: jest.fn().mockResolvedValue(hand),
      lowerHand: jest.fn().mockResolvedValue(undefined),
    };
    await render(api);
    await userEvent.click(
      await screen.findByRole('button', { name: 'Raise hand' }),
    );
    expect(api.raiseHand).toHaveBeenCalledWith('d1');
    await userEvent.click(
      await screen.findByRole('button', { name: 'Lower hand' }),
    );
    expect(api.lowerHand).toHaveBeenCalledWith('d1');
    expect(
      await screen.findByRole('button', { name: 'Raise hand' }),
    ).toBeEnabled();
  });

  it('follows an instructor lowering the hand, from the classroom signal', async () => {
    const api = { getHand: jest.fn().mockResolvedValue(hand) };
    const { signals } = await render(api);
    expect(
      await screen.findByRole('button', { name: 'Lower hand' }),
    ).toBeInTheDocument();
    await signals.subscribed(classroomSignalChannel('c1'));
    signals.send(classroomSignalChannel('c1'), {
      type: 'hand-changed',
      courseId: 'c1',
      desktopId: 'd1',
      owner: 'user:default/alice',
      hand: null,
      changedBy: 'user:default/kim',
    });
    await waitFor(() =>
      expect(
        screen.getByRole('button', { name: 'Raise hand' }),
      ).toBeInTheDocument(),
    );
  });

  it("reports the server's reason when raising fails", async () => {
    const api = {
      getHand: jest.fn().mockResolvedValue(null),
      raiseHand: jest
        .fn()
        .mockRejectedValue(
          new LabstageApiError(
            'Only course desktops have a hand to raise',
            409,
          ),
        ),
    };
    const { onError } = await render(api);
    await userEvent.click(
      await screen.findByRole('button', { name: 'Raise hand' }),
    );
    await waitFor(() =>
      expect(onError).toHaveBeenCalledWith(
        'Your hand was not raised: Only course desktops have a hand to raise',
      ),
    );
  });
});
