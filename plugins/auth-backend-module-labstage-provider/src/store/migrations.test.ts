import { describePluginMigrations } from '@internal/backstage-plugin-labstage-node/testUtils';
import { accountsMigrations, applyMigrations } from './migrate';

describePluginMigrations('accounts migrations', {
  migrations: accountsMigrations,
  apply: applyMigrations,
  tables: ['labstage_users', 'labstage_sessions'],
});
