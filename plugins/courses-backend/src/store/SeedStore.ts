import { Knex } from 'knex';
import { isUniqueViolation } from './errors';
import { nowIso } from '@internal/backstage-plugin-labstage-node';

/** Records one-off seeds so they are applied at most once. */
export class SeedStore {
  constructor(private readonly knex: Knex) {}

  async isApplied(name: string): Promise<boolean> {
    const row = await this.knex('course_seeds').where({ name }).first();
    return Boolean(row);
  }

  /**
   * Runs `apply` and records the seed in one transaction. Returns false (and
   * rolls back) if the seed was already recorded, also by a concurrent run.
   */
  async applyOnce(
    name: string,
    apply: (trx: Knex.Transaction) => Promise<void>,
  ): Promise<boolean> {
    try {
      await this.knex.transaction(async trx => {
        await trx('course_seeds').insert({ name, applied_at: nowIso() });
        await apply(trx);
      });
      return true;
    } catch (error) {
      if (isUniqueViolation(error)) return false;
      throw error;
    }
  }
}
