import {
  jsonResponse,
  recordingDesktopsClient,
} from '../__testUtils__/recordingDesktopsClient';

// The hour quota and capacity calls: paths, methods and bodies as the
// backend routes take them.
describe('DesktopsClient (hours, capacity)', () => {
  it('reads and changes hours at the course routes, with the course id encoded', async () => {
    const { client, calls } = recordingDesktopsClient(() =>
      jsonResponse({ ok: true }),
    );
    await client.getMyHours('c 1');
    await client.getCourseHours('c 1');
    await client.setHourBudget('c 1', {
      weeklyHours: null,
      classTimeCounts: true,
    });
    await client.grantHours('c 1', {
      student: 'user:default/alice',
      extraHours: 2,
      reason: 'Deadline',
    });
    expect(calls).toEqual([
      { method: 'GET', path: '/courses/c%201/hours/me', body: undefined },
      { method: 'GET', path: '/courses/c%201/hours', body: undefined },
      {
        method: 'PUT',
        path: '/courses/c%201/hours/budget',
        body: { weeklyHours: null, classTimeCounts: true },
      },
      {
        method: 'POST',
        path: '/courses/c%201/hours/grants',
        body: {
          student: 'user:default/alice',
          extraHours: 2,
          reason: 'Deadline',
        },
      },
    ]);
  });

  it('reads and sets the hour defaults and reads the capacity report', async () => {
    const defaults = { weeklyHours: 20, classTimeCounts: false };
    const { client, calls } = recordingDesktopsClient(url =>
      jsonResponse(url.endsWith('/capacity') ? { fitsNow: 3 } : defaults),
    );
    await expect(client.getHourDefaults()).resolves.toEqual(defaults);
    await expect(client.setHourDefaults(defaults)).resolves.toEqual(defaults);
    await expect(client.getCapacity()).resolves.toEqual({ fitsNow: 3 });
    expect(calls.map(c => `${c.method} ${c.path}`)).toEqual([
      'GET /hour-defaults',
      'PUT /hour-defaults',
      'GET /capacity',
    ]);
    expect(calls[1].body).toEqual(defaults);
  });

  it("throws the server's reason when it refuses", async () => {
    const { client } = recordingDesktopsClient(() =>
      jsonResponse(
        {
          error: {
            name: 'NotAllowedError',
            message: 'Only instructors of CS101 grant hours',
          },
          response: { statusCode: 403 },
        },
        403,
      ),
    );
    await expect(
      client.grantHours('c1', { student: 'user:default/bob', extraHours: 1 }),
    ).rejects.toThrow('Only instructors of CS101 grant hours');
  });
});
