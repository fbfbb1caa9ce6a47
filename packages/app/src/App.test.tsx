import { render, screen } from '@testing-library/react';
import App from './App';

describe('App', () => {
  it('starts at the Labstage sign-in page when nobody is signed in', async () => {
    process.env = {
      NODE_ENV: 'test',
      APP_CONFIG: [
        {
          data: {
            app: { title: 'Labstage' },
            // Nothing listens here, so the session refresh fails fast and the app asks to sign in.
            backend: { baseUrl: 'http://127.0.0.1:9' },
          },
          context: 'test',
        },
      ] as any,
    };

    render(App.createRoot());

    expect(
      await screen.findByRole(
        'button',
        { name: 'Sign in' },
        { timeout: 10_000 },
      ),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('tab', { name: 'Create account' }),
    ).toBeInTheDocument();
  });
});
