import { displayNames } from '../service/displayNames';
import { RouteContext } from './context';
import { Caller } from './identity';
import { ViewOptions } from './presenters';

/**
 * Posts or comments as the caller sees them, with their authors' display
 * names looked up once for the lot.
 */
export async function presentAuthored<R extends { authorUsername: string }, T>(
  ctx: RouteContext,
  caller: Caller,
  records: R[],
  canModerate: boolean,
  present: (record: R, options: ViewOptions) => T,
): Promise<T[]> {
  const names = await displayNames(
    ctx,
    records.map(r => r.authorUsername),
  );
  return records.map(record =>
    present(record, { names, callerUsername: caller.username, canModerate }),
  );
}
