import { serviceHeader, userHeader } from './testBackend';

/**
 * The callers of the matrices around one shared course desktop (sharing,
 * collaboration, classroom), in the order of their rows' statuses: alice
 * owns the desktop, bob was invited as viewer and carol as controller,
 * teacher teaches its course and tina another one, dave is a classmate
 * without a grant, root is an admin.
 */
export const sharedDesktopUsers = [
  'anonymous',
  'owner',
  'viewer',
  'controller',
  'instructor',
  'other instructor',
  'classmate',
  'admin',
] as const;

/** `sharedDesktopUsers` and a backend plugin calling as itself. */
export const sharedDesktopActors = [
  ...sharedDesktopUsers,
  'catalog service',
] as const;

export const sharedDesktopAuthHeaders: Record<
  (typeof sharedDesktopActors)[number],
  string | undefined
> = {
  anonymous: undefined,
  owner: userHeader('alice'),
  viewer: userHeader('bob'),
  controller: userHeader('carol'),
  instructor: userHeader('teacher'),
  'other instructor': userHeader('tina'),
  classmate: userHeader('dave'),
  admin: userHeader('root'),
  'catalog service': serviceHeader('catalog'),
};

/** Expected statuses, one per caller of `Actors`, in their order. */
export type Statuses<Actors extends readonly string[]> = {
  [K in keyof Actors]: number;
};

type UserStatuses = Statuses<typeof sharedDesktopUsers>;

//                                  anon own  view ctrl inst oins clsm adm
/**
 * Those who may read the desktop get `ok`: its owner, viewer, controller,
 * the instructor of its course and admins; to the others it does not exist.
 */
export const readersGet = (ok: number): UserStatuses => [
  401,
  ok,
  ok,
  ok,
  ok,
  404,
  404,
  ok,
];

/** The owner's and admins': the other readers get 403, the rest 404. */
export const ownerOrAdminGets = (ok: number): UserStatuses => [
  401,
  ok,
  403,
  403,
  403,
  404,
  404,
  ok,
];

/** `statuses` for the users, and 403 for a backend plugin calling. */
export const serviceRefused = (
  statuses: UserStatuses,
): Statuses<typeof sharedDesktopActors> => [...statuses, 403];
