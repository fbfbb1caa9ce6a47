import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { mockApis, renderInTestApp } from '@backstage/frontend-test-utils';
import { signalApiRef } from '@backstage/plugin-signals-react';
import { LabstageApiError } from '@internal/backstage-plugin-labstage-react';
import type { Desktop } from '@internal/backstage-plugin-desktops-common';
import { desktopsApiRef } from '../../api/DesktopsClient';
import { aDesktop } from '../../__testUtils__/desktopFixture';
import { anImage, aSave } from '../../__testUtils__/imageFixtures';
import { fakeSignals } from '../../__testUtils__/fakeSignals';
import { rootRouteRef } from '../../routes';
import { SaveImageDialog } from './SaveImageDialog';
import { suggestImageName } from './saveSteps';

const CHANNEL = 'desktop-images:user:default/alice';

function fakeApi(overrides: object = {}) {
  return {
    saveImage: jest.fn().mockResolvedValue(aSave()),
    getSave: jest.fn().mockResolvedValue(aSave()),
    ...overrides,
  };
}

async function render(
  api: ReturnType<typeof fakeApi>,
  options: { desktop?: Desktop; signals?: ReturnType<typeof fakeSignals> } = {},
) {
  const onClose = jest.fn();
  await renderInTestApp(
    <SaveImageDialog
      desktop={options.desktop ?? aDesktop({ name: 'Python Lab' })}
      onClose={onClose}
    />,
    {
      mountedRoutes: { '/desktops': rootRouteRef },
      apis: [
        [desktopsApiRef, api as any],
        mockApis.identity({ userEntityRef: 'user:default/alice' }),
        ...(options.signals
          ? [[signalApiRef, options.signals.api as any] as const]
          : []),
      ],
    },
  );
  // The dialog focuses the name once its opening transition has ended; typing
  // into another field before that can lose keystrokes to the name on a busy
  // machine, so wait for it as a user would.
  await waitFor(() =>
    expect(screen.getByLabelText('Image name')).toHaveFocus(),
  );
  return { onClose, dialog: screen.getByRole('dialog') };
}

/** The step the stepper marks as current. */
function currentStep(): HTMLElement | null {
  return document.querySelector('[aria-current="step"]');
}

describe('SaveImageDialog', () => {
  it('suggests a legal name from the desktop name and checks it without calling the server', async () => {
    const api = fakeApi();
    const { dialog } = await render(api);

    expect(dialog).toHaveTextContent('Save “Python Lab” as an image');
    expect(dialog).toHaveTextContent(
      'Everything installed in the desktop and its home folder. Your desktop keeps running.',
    );
    const name = screen.getByLabelText('Image name');
    expect(name).toHaveValue('python-lab');
    expect(screen.getByLabelText('Version (optional)')).toHaveAttribute(
      'placeholder',
      'next version, e.g. v2',
    );

    await userEvent.clear(name);
    await userEvent.type(name, 'My/Lab');
    await userEvent.click(screen.getByRole('button', { name: 'Save image' }));
    expect(
      await screen.findByText(/Image names use lowercase letters and digits/),
    ).toBeInTheDocument();

    await userEvent.clear(name);
    await userEvent.type(name, 'my-lab');
    await userEvent.type(screen.getByLabelText('Version (optional)'), '-bad');
    await userEvent.click(screen.getByRole('button', { name: 'Save image' }));
    expect(
      await screen.findByText(/Versions are 1 to 128 letters/),
    ).toBeInTheDocument();
    expect(api.saveImage).not.toHaveBeenCalled();
  });

  it('shows the phases with the progress line until the image is saved', async () => {
    const signals = fakeSignals();
    let accept: (save: unknown) => void = () => {};
    const api = fakeApi({
      saveImage: jest.fn(
        () =>
          new Promise(resolve => {
            accept = resolve;
          }),
      ),
    });
    const { dialog } = await render(api, { signals });

    await userEvent.type(screen.getByLabelText('Version (optional)'), 'v2');
    await userEvent.click(screen.getByRole('button', { name: 'Save image' }));
    expect(api.saveImage).toHaveBeenCalledWith('d1', {
      name: 'python-lab',
      tag: 'v2',
    });
    // One request at a time.
    expect(screen.getByRole('button', { name: 'Save image' })).toBeDisabled();
    accept(aSave());

    expect(
      await within(dialog).findByText('python-lab:v2'),
    ).toBeInTheDocument();
    expect(currentStep()).toHaveTextContent('Waiting to start');
    expect(
      within(dialog).getByRole('progressbar', { name: 'Saving python-lab:v2' }),
    ).toBeInTheDocument();
    expect(dialog).toHaveTextContent(
      'saving continues in the background; see My images',
    );
    // It listens while it has a save to follow.
    await signals.subscribed(CHANNEL);

    signals.send(CHANNEL, {
      type: 'image-save-changed',
      save: aSave({ phase: 'committing' }),
    });
    await waitFor(() =>
      expect(currentStep()).toHaveTextContent('Saving the installed software'),
    );
    signals.send(CHANNEL, {
      type: 'image-save-changed',
      save: aSave({
        phase: 'pushing',
        detail: 'a1b2c3: Pushing 12.0/48.3 MB',
      }),
    });
    await waitFor(() =>
      expect(currentStep()).toHaveTextContent(
        'Uploading to the image registry',
      ),
    );
    expect(currentStep()).toHaveTextContent('a1b2c3: Pushing 12.0/48.3 MB');
    // A late report of an earlier phase does not move it back.
    signals.send(CHANNEL, {
      type: 'image-save-changed',
      save: aSave({ phase: 'copying-home' }),
    });
    expect(currentStep()).toHaveTextContent('Uploading to the image registry');
    // Saves of other desktops on the same channel are not this dialog's.
    signals.send(CHANNEL, {
      type: 'image-save-changed',
      save: aSave({ id: 'other', state: 'failed', error: 'not mine' }),
    });
    expect(dialog).not.toHaveTextContent('not mine');

    const image = anImage({ tag: 'v2' });
    signals.send(CHANNEL, {
      type: 'image-save-changed',
      save: aSave({ state: 'succeeded', phase: 'done', image }),
    });
    expect(
      await within(dialog).findByText(
        '127.0.0.1:5000/personal/alice/python-lab:v2',
      ),
    ).toBeInTheDocument();
    expect(within(dialog).queryByRole('progressbar')).toBeNull();
    expect(within(dialog).getByRole('button', { name: 'Done' })).toBeEnabled();
  });

  it('shows a failure with Retry, which saves again', async () => {
    const api = fakeApi({
      saveImage: jest
        .fn()
        .mockResolvedValueOnce(aSave())
        .mockResolvedValueOnce(aSave({ id: 's2' })),
      // No signals here: the dialog polls.
      getSave: jest.fn(async (id: string) =>
        id === 's1'
          ? aSave({
              state: 'failed',
              phase: 'pushing',
              error: 'The registry refused the upload: unauthorized',
            })
          : aSave({ id: 's2', phase: 'committing' }),
      ),
    });
    const { dialog } = await render(api, {
      desktop: aDesktop({ name: 'Python Lab', state: 'stopped' }),
    });
    expect(dialog).toHaveTextContent('Your desktop is left as it is.');

    await userEvent.click(screen.getByRole('button', { name: 'Save image' }));
    const alert = await within(dialog).findByRole(
      'alert',
      {},
      { timeout: 5000 },
    );
    expect(alert).toHaveTextContent(
      'The registry refused the upload: unauthorized',
    );
    expect(alert).toHaveTextContent('Your desktop was not changed.');
    expect(api.getSave).toHaveBeenCalledWith('s1');

    await userEvent.click(within(alert).getByRole('button', { name: 'Retry' }));
    expect(api.saveImage).toHaveBeenCalledTimes(2);
    expect(api.saveImage).toHaveBeenLastCalledWith('d1', {
      name: 'python-lab',
    });
    await waitFor(() => expect(within(dialog).queryByRole('alert')).toBeNull());
    expect(
      within(dialog).getByRole('progressbar', { name: 'Saving python-lab:v2' }),
    ).toBeInTheDocument();
    await waitFor(
      () =>
        expect(currentStep()).toHaveTextContent(
          'Saving the installed software',
        ),
      { timeout: 5000 },
    );
  });

  it("shows the server's reason when it refuses to start, keeping the form", async () => {
    const api = fakeApi({
      saveImage: jest
        .fn()
        .mockRejectedValue(
          new LabstageApiError(
            'python-lab:v1 already exists; choose another version',
            409,
          ),
        ),
    });
    const { dialog } = await render(api);
    await userEvent.type(screen.getByLabelText('Version (optional)'), 'v1');
    await userEvent.click(screen.getByRole('button', { name: 'Save image' }));
    expect(await within(dialog).findByRole('alert')).toHaveTextContent(
      'python-lab:v1 already exists; choose another version',
    );
    expect(screen.getByLabelText('Version (optional)')).toHaveValue('v1');
    expect(screen.getByRole('button', { name: 'Save image' })).toBeEnabled();
  });

  it('can be closed while saving', async () => {
    const api = fakeApi();
    const { dialog, onClose } = await render(api);
    await userEvent.click(screen.getByRole('button', { name: 'Save image' }));
    await within(dialog).findByText('python-lab:v2');
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Close' }),
    );
    expect(onClose).toHaveBeenCalled();
  });
});

describe('suggestImageName', () => {
  it('makes a legal image name of any desktop name', () => {
    expect(suggestImageName('Python Lab')).toBe('python-lab');
    expect(suggestImageName('  Über Desktop #2 ')).toBe('uber-desktop-2');
    expect(suggestImageName('C++ / Rust')).toBe('c-rust');
    expect(suggestImageName('!!!')).toBe('desktop');
    expect(suggestImageName(`${'a'.repeat(70)} b`)).toBe('a'.repeat(64));
  });
});
