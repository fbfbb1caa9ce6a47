import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { mockApis, renderInTestApp } from '@backstage/frontend-test-utils';
import { signalApiRef } from '@backstage/plugin-signals-react';
import { LabstageApiError } from '@internal/backstage-plugin-labstage-react';
import type {
  ImageSave,
  SavedImage,
} from '@internal/backstage-plugin-desktops-common';
import { desktopsApiRef } from '../../api/DesktopsClient';
import { anImage, aSave } from '../../__testUtils__/imageFixtures';
import { fakeSignals } from '../../__testUtils__/fakeSignals';
import { MyImagesPanel } from './MyImagesPanel';

const CHANNEL = 'desktop-images:user:default/alice';
const MiB = 1024 * 1024;

const v1 = anImage({
  tag: 'v1',
  sizeBytes: 300 * MiB,
  createdAt: '2026-01-01T10:00:00.000Z',
});
const v2 = anImage({
  tag: 'v2',
  sizeBytes: 1.5 * 1024 * MiB,
  createdAt: '2026-01-02T10:00:00.000Z',
});
const notebook = anImage({
  name: 'data-notebook',
  tag: 'v1',
  sizeBytes: 0,
  usedBy: [{ courseId: 'c1', version: 2 }],
});

function fakeApi(items: SavedImage[], saves: ImageSave[] = [], more = {}) {
  return {
    listSavedImages: jest.fn().mockResolvedValue({ items, saves }),
    deleteSavedImage: jest.fn().mockResolvedValue(undefined),
    getSave: jest.fn(async (id: string) => saves.find(s => s.id === id)),
    ...more,
  };
}

async function render(
  api: ReturnType<typeof fakeApi>,
  signals?: ReturnType<typeof fakeSignals>,
) {
  await renderInTestApp(<MyImagesPanel />, {
    apis: [
      [desktopsApiRef, api as any],
      mockApis.identity({ userEntityRef: 'user:default/alice' }),
      ...(signals ? [[signalApiRef, signals.api as any] as const] : []),
    ],
  });
}

/** Each row's cells as text, header excluded. */
function rows(): string[][] {
  const table = screen.getByRole('table', { name: 'My images' });
  return within(table)
    .getAllByRole('row')
    .slice(1)
    .map(row =>
      within(row)
        .getAllByRole('cell')
        .map(cell => cell.textContent ?? ''),
    );
}

describe('MyImagesPanel', () => {
  it('lists my versions by name, newest first, with sizes and what uses them', async () => {
    await render(fakeApi([v1, notebook, v2]));
    await screen.findByRole('table', { name: 'My images' });
    const shown = rows().map(cells => cells.slice(0, 3).concat(cells[4]));
    expect(shown).toEqual([
      ['data-notebook', 'v1', '—', 'course version 2'],
      ['python-lab', 'v2', '1.5 GiB', '—'],
      ['python-lab', 'v1', '300 MiB', '—'],
    ]);
    // Saved dates are relative, with the exact time on hover.
    const row = screen.getByTestId(`saved-image-${v1.id}`);
    expect(within(row).getByText(/ago$/)).toHaveAttribute(
      'datetime',
      v1.createdAt,
    );
  });

  it('deletes a version only after the user confirms', async () => {
    const api = fakeApi([v1, v2]);
    await render(api);

    await userEvent.click(
      await screen.findByRole('button', { name: 'Delete python-lab:v2' }),
    );
    const dialog = screen.getByRole('dialog');
    expect(dialog).toHaveTextContent('Delete python-lab:v2?');
    expect(dialog).toHaveTextContent(
      "Desktops already made from it keep working; it can't be undone.",
    );
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Cancel' }),
    );
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(api.deleteSavedImage).not.toHaveBeenCalled();

    api.listSavedImages.mockResolvedValue({ items: [v1], saves: [] });
    await userEvent.click(
      screen.getByRole('button', { name: 'Delete python-lab:v2' }),
    );
    await userEvent.click(
      within(screen.getByRole('dialog')).getByRole('button', {
        name: 'Delete image',
      }),
    );
    expect(api.deleteSavedImage).toHaveBeenCalledWith(v2.id);
    await waitFor(() =>
      expect(screen.queryByTestId(`saved-image-${v2.id}`)).toBeNull(),
    );
    expect(screen.getByTestId(`saved-image-${v1.id}`)).toBeInTheDocument();
  });

  it("shows the server's reason when a course still uses the version", async () => {
    const reason =
      'This image is published as a course environment (version 2 of course c1); it cannot be deleted while a course uses it';
    const api = fakeApi([notebook], [], {
      deleteSavedImage: jest
        .fn()
        .mockRejectedValue(new LabstageApiError(reason, 409)),
    });
    await render(api);
    await userEvent.click(
      await screen.findByRole('button', { name: 'Delete data-notebook:v1' }),
    );
    await userEvent.click(
      within(screen.getByRole('dialog')).getByRole('button', {
        name: 'Delete image',
      }),
    );
    expect(await screen.findByRole('alert')).toHaveTextContent(reason);
    expect(
      screen.getByTestId(`saved-image-${notebook.id}`),
    ).toBeInTheDocument();
  });

  it('shows running saves on top, live, and failed ones with their error', async () => {
    const signals = fakeSignals();
    const running = aSave({
      id: 'run',
      phase: 'pushing',
      detail: 'a1b2c3: Pushing 12.0/48.3 MB',
    });
    const failed = aSave({
      id: 'bad',
      repository: 'personal/alice/rust-lab',
      tag: 'v1',
      state: 'failed',
      phase: 'committing',
      error: 'The desktop stopped while it was being saved',
      startedAt: '2026-01-01T09:00:00.000Z',
      finishedAt: '2026-01-01T09:01:00.000Z',
    });
    const api = fakeApi([v1], [running, failed]);
    await render(api, signals);
    await signals.subscribed(CHANNEL);

    const saving = await screen.findByRole('group', {
      name: 'Save of python-lab:v2',
    });
    expect(saving).toHaveTextContent(
      'Uploading to the image registry (step 4 of 5)',
    );
    expect(saving).toHaveTextContent('a1b2c3: Pushing 12.0/48.3 MB');
    expect(within(saving).getByRole('progressbar')).toBeInTheDocument();
    const broken = screen.getByRole('group', { name: 'Save of rust-lab:v1' });
    expect(broken).toHaveTextContent(
      'The desktop stopped while it was being saved',
    );
    // Above the table.
    expect(
      saving.compareDocumentPosition(
        screen.getByRole('table', { name: 'My images' }),
      ) & Node.DOCUMENT_POSITION_FOLLOWING,
    ).toBeTruthy();

    signals.send(CHANNEL, {
      type: 'image-save-changed',
      save: { ...running, phase: 'recording', detail: null },
    });
    expect(
      await within(saving).findByText('Adding it to My images (step 5 of 5)'),
    ).toBeInTheDocument();

    // Once saved, it becomes a row of the table, and the list is reloaded.
    api.listSavedImages.mockResolvedValue({ items: [v1, v2], saves: [failed] });
    signals.send(CHANNEL, {
      type: 'image-save-changed',
      save: { ...running, state: 'succeeded', phase: 'done', image: v2 },
    });
    expect(
      await screen.findByTestId(`saved-image-${v2.id}`),
    ).toBeInTheDocument();
    expect(
      screen.queryByRole('group', { name: 'Save of python-lab:v2' }),
    ).toBeNull();
    await waitFor(() => expect(api.listSavedImages).toHaveBeenCalledTimes(2));
  });

  it('explains how to save a desktop when there are no images', async () => {
    await render(fakeApi([]));
    expect(await screen.findByText('No saved images yet')).toBeInTheDocument();
    expect(
      screen.getByText(/Open a desktop's menu and choose Save as image/),
    ).toBeInTheDocument();
  });

  it('shows why the list could not be loaded', async () => {
    await render(
      fakeApi([], [], {
        listSavedImages: jest
          .fn()
          .mockRejectedValue(
            new LabstageApiError(
              'No image registry is configured (desktops.registry), so images cannot be saved',
              503,
            ),
          ),
      }),
    );
    expect(
      await screen.findByText(
        'Error: No image registry is configured (desktops.registry), so images cannot be saved',
      ),
    ).toBeInTheDocument();
  });
});
