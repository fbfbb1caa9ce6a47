import { screen } from '@testing-library/react';
import { renderInTestApp } from '@backstage/frontend-test-utils';
import { aSessionNow } from '../../__testUtils__/sessionFixtures';
import { ClassStartCard } from './ClassStartCard';

jest.mock('../DesktopViewer/preloadDesktopViewer', () => ({
  usePreloadedViewer: jest.fn(),
}));
// eslint-disable-next-line import/first
import { usePreloadedViewer } from '../DesktopViewer/preloadDesktopViewer';

/** The desktop ids the card asked to preload the viewer for. */
const preloaded = () =>
  jest
    .mocked(usePreloadedViewer)
    .mock.calls.map(([id]) => id)
    .filter(Boolean);

const card = () => screen.getByTestId('class-start-card');

describe('ClassStartCard', () => {
  beforeEach(() => jest.mocked(usePreloadedViewer).mockClear());

  it('says why the warm-up could not start the desktop instead of spinning', async () => {
    await renderInTestApp(
      <ClassStartCard
        now={aSessionNow({
          desktop: null,
          problem: 'This course has no environment published yet.',
        })}
        timeZone="Europe/Berlin"
      />,
    );
    expect(card()).toHaveTextContent(
      'your desktop could not be started: This course has no environment published yet.',
    );
    expect(
      screen.queryByRole('progressbar', { hidden: true }),
    ).not.toBeInTheDocument();
    expect(screen.queryByText('Open')).toBeNull();
    expect(preloaded()).toEqual([]);
  });

  it('spins while the desktop starts without a recorded problem', async () => {
    await renderInTestApp(
      <ClassStartCard
        now={aSessionNow({
          desktop: { id: 'd1', state: 'starting' },
          problem: null,
        })}
        timeZone="Europe/Berlin"
      />,
    );
    expect(card()).toHaveTextContent('your desktop is starting…');
    expect(
      screen.getByRole('progressbar', { hidden: true }),
    ).toBeInTheDocument();
  });

  it('shows a ready desktop even after an earlier failure, and preloads the viewer', async () => {
    await renderInTestApp(
      <ClassStartCard
        now={aSessionNow({
          desktop: { id: 'd1', state: 'running' },
          problem: 'You already have 1 desktop running (your limit is 1).',
        })}
        timeZone="Europe/Berlin"
      />,
    );
    expect(card()).toHaveTextContent('your desktop is ready');
    expect(card()).not.toHaveTextContent('could not be started');
    expect(screen.getByText('Open')).toBeInTheDocument();
    expect(preloaded()).toContain('d1');
  });
});
