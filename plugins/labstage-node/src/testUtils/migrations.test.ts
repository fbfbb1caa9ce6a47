import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { migrationNameProblems } from './migrations';

describe('migrationNameProblems', () => {
  let directory: string;
  beforeEach(() => {
    directory = mkdtempSync(join(tmpdir(), 'labstage-migration-names-'));
  });
  afterEach(() => rmSync(directory, { recursive: true, force: true }));

  it('flags files dated after now and files not named by the convention', () => {
    for (const name of [
      '20261125093450_init.js',
      '20270101000000_future.js',
      'add-column.js',
      'README.md',
    ]) {
      writeFileSync(join(directory, name), '');
    }
    expect(
      migrationNameProblems(directory, new Date('2026-11-28T12:00:00Z')),
    ).toEqual([
      '20270101000000_future.js: dated in the future',
      'add-column.js: not named <yyyymmddhhmmss>_<snake_case>.js',
    ]);
  });
});
