import { mockServices } from '@backstage/backend-test-utils';
import { EntityProviderConnection } from '@backstage/plugin-catalog-node';
import { User } from '@internal/backstage-plugin-accounts-common';
import { LabstageOrgEntityProvider } from './LabstageOrgEntityProvider';

const alice: User = {
  username: 'alice',
  userEntityRef: 'user:default/alice',
  displayName: 'Alice Student',
  email: 'alice@labstage.local',
  role: 'student',
  disabled: false,
  createdAt: '2025-01-01T00:00:00.000Z',
};

function recordingConnection() {
  const mutations: Parameters<EntityProviderConnection['applyMutation']>[0][] =
    [];
  const connection: EntityProviderConnection = {
    applyMutation: async m => {
      mutations.push(m);
    },
    refresh: async () => {},
  };
  return { connection, mutations };
}

describe('LabstageOrgEntityProvider (stand-in directory and courses sources)', () => {
  it('applies a full mutation with users and course groups', async () => {
    const { connection, mutations } = recordingConnection();
    const provider = new LabstageOrgEntityProvider({
      directory: { listUsers: async () => [alice] },
      courses: {
        listMemberships: async () => [
          {
            courseId: 'c1',
            code: 'BIO',
            title: 'Biology',
            instructors: [],
            students: ['alice'],
          },
        ],
      },
      logger: mockServices.logger.mock(),
    });
    await provider.connect(connection);
    await provider.run();
    expect(mutations).toHaveLength(1);
    const mutation = mutations[0];
    expect(mutation.type).toBe('full');
    const names =
      mutation.type === 'full'
        ? mutation.entities.map(
            e => `${e.entity.kind}:${e.entity.metadata.name}:${e.locationKey}`,
          )
        : [];
    expect(names).toEqual([
      'User:alice:labstage-accounts:default',
      'Group:admins:labstage-accounts:default',
      'Group:instructors:labstage-accounts:default',
      'Group:course-bio-c1:labstage-accounts:default',
    ]);
  });

  it('still publishes users and role groups when courses are unreachable', async () => {
    const { connection, mutations } = recordingConnection();
    const logger = mockServices.logger.mock();
    const provider = new LabstageOrgEntityProvider({
      directory: { listUsers: async () => [alice] },
      courses: {
        listMemberships: async () => {
          throw new Error('connect ECONNREFUSED');
        },
      },
      logger,
    });
    await provider.connect(connection);
    await provider.run();
    expect(mutations[0].type === 'full' && mutations[0].entities).toHaveLength(
      3,
    );
    expect(logger.warn).toHaveBeenCalledWith(
      expect.stringContaining('ECONNREFUSED'),
    );
  });

  it('schedules its refresh only once connected', async () => {
    const runs: string[] = [];
    const provider = new LabstageOrgEntityProvider({
      directory: { listUsers: async () => [] },
      courses: { listMemberships: async () => [] },
      logger: mockServices.logger.mock(),
      schedule: {
        run: async task => {
          runs.push(task.id);
          await task.fn(new AbortController().signal);
        },
      },
    });
    await expect(provider.run()).rejects.toThrow('not connected');
    const { connection, mutations } = recordingConnection();
    await provider.connect(connection);
    expect(runs).toEqual(['labstage-org:refresh']);
    expect(mutations).toHaveLength(1);
  });
});
