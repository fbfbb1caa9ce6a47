import { LoggerService } from '@backstage/backend-plugin-api';
import { ConflictError } from '@backstage/errors';
import { LabstageRole } from '@internal/backstage-plugin-accounts-common';
import { UserStore } from '../store/UserStore';
import { hashPassword } from './passwords';

type DemoAccount = {
  username: string;
  password: string;
  role: LabstageRole;
  displayName: string;
};

/** Well-known demo credentials; only created when `labstage.demo.seed` is on. */
export const DEMO_ACCOUNTS: readonly DemoAccount[] = [
  {
    username: 'admin',
    password: 'admin-demo-pass',
    role: 'admin',
    displayName: 'Ada Admin',
  },
  {
    username: 'teacher',
    password: 'teacher-demo-pass',
    role: 'instructor',
    displayName: 'Tom Teacher',
  },
  {
    username: 'alice',
    password: 'alice-demo-pass',
    role: 'student',
    displayName: 'Alice Student',
  },
  {
    username: 'bob',
    password: 'bob-demo-pass',
    role: 'student',
    displayName: 'Bob Student',
  },
];

/**
 * Creates the demo accounts that don't exist yet. Existing accounts are left
 * alone (a changed password or role survives a restart).
 */
export async function seedDemoAccounts(
  users: UserStore,
  logger: LoggerService,
): Promise<number> {
  let created = 0;
  for (const account of DEMO_ACCOUNTS) {
    if (await users.get(account.username)) {
      continue;
    }
    try {
      await users.create({
        username: account.username,
        displayName: account.displayName,
        email: `${account.username}@labstage.local`,
        passwordHash: await hashPassword(account.password),
        role: account.role,
      });
      created += 1;
    } catch (error) {
      // Another replica seeding at the same moment is fine.
      if (!(error instanceof ConflictError)) {
        throw error;
      }
    }
  }
  if (created > 0) {
    logger.info(`Seeded ${created} Labstage demo account(s)`);
  }
  return created;
}
