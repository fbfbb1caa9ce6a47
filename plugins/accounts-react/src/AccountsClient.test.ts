import { AccountsClient } from './AccountsClient';
import { LabstageApiError } from '@internal/backstage-plugin-labstage-react';

function client(response: Response) {
  const fetch = jest.fn(async () => response);
  const api = new AccountsClient({
    discoveryApi: { getBaseUrl: async () => 'http://localhost:7007/api/auth' },
    fetchApi: { fetch },
  });
  return { api, fetch };
}

const json = (body: unknown, status = 200) =>
  new Response(JSON.stringify(body), {
    status,
    headers: { 'Content-Type': 'application/json' },
  });

describe('AccountsClient account deletion', () => {
  const preview = {
    username: 'bob',
    displayName: 'Bob Lee',
    desktops: 2,
    enrolments: 1,
    posts: 5,
    comments: 12,
    soleInstructorOf: [],
  };

  it('reads an account’s deletion preview', async () => {
    const { api, fetch } = client(json(preview));
    await expect(api.getDeletionPreview('bob')).resolves.toEqual(preview);
    expect(fetch).toHaveBeenCalledWith(
      'http://localhost:7007/api/auth/accounts/users/bob/deletion-preview',
      expect.objectContaining({ credentials: 'include' }),
    );
  });

  it('deletes an account with DELETE /users/:username', async () => {
    const { api, fetch } = client(new Response(null, { status: 204 }));
    await api.deleteUser('bob');
    expect(fetch).toHaveBeenCalledWith(
      'http://localhost:7007/api/auth/accounts/users/bob',
      expect.objectContaining({ method: 'DELETE' }),
    );
  });

  it('reads the own deletion preview and deletes with the password', async () => {
    const { api, fetch } = client(json(preview));
    await api.getOwnDeletionPreview();
    expect(fetch).toHaveBeenLastCalledWith(
      'http://localhost:7007/api/auth/accounts/me/deletion-preview',
      expect.anything(),
    );

    const del = client(new Response(null, { status: 204 }));
    await del.api.deleteOwnAccount({ password: 'secret-1' });
    expect(del.fetch).toHaveBeenCalledWith(
      'http://localhost:7007/api/auth/accounts/me',
      expect.objectContaining({
        method: 'DELETE',
        body: JSON.stringify({ password: 'secret-1' }),
      }),
    );
  });

  it("passes on the server's refusal (Backstage's error body)", async () => {
    const { api } = client(
      json(
        {
          error: {
            name: 'ConflictError',
            message:
              'bob is the last enabled admin; promote another admin first',
          },
          response: { statusCode: 409 },
        },
        409,
      ),
    );
    const error = await api.deleteUser('bob').catch(e => e);
    expect(error).toBeInstanceOf(LabstageApiError);
    expect(error.statusCode).toBe(409);
    expect(error.message).toBe(
      'bob is the last enabled admin; promote another admin first',
    );
  });
});
