import type {
  DesktopPresence,
  PresentPerson,
} from '@internal/backstage-plugin-desktops-common';
import { sameUser } from '../../hooks/useSignalChannel';

/** "Bob is watching", "Ms Kim has control", "Alice (owner) is here". */
export function presenceSentence(person: PresentPerson): string {
  if (person.isOwner) return `${person.displayName} (owner) is here`;
  if (person.hasControl) return `${person.displayName} has control`;
  return `${person.displayName} is watching`;
}

/** The short mode shown next to a name on the desktop card. */
export function presenceMode(person: PresentPerson): string {
  if (person.isOwner) return 'owner';
  return person.hasControl ? 'has control' : 'watching';
}

/** Everyone connected except `me`, the control holder first. */
export function othersPresent(
  presence: DesktopPresence | undefined,
  me: string | undefined,
): PresentPerson[] {
  if (!presence) return [];
  return presence.people
    .filter(p => !sameUser(p.userEntityRef, me))
    .sort(
      (a, b) =>
        Number(b.hasControl && !b.isOwner) -
          Number(a.hasControl && !a.isOwner) ||
        Number(b.isOwner) - Number(a.isOwner) ||
        a.displayName.localeCompare(b.displayName),
    );
}

/** "BK" for "Bob Kim". */
export function initials(name: string): string {
  const parts = name.trim().split(/\s+/).filter(Boolean);
  const letters =
    parts.length > 1 ? [parts[0], parts[parts.length - 1]] : parts;
  return letters.map(p => p[0]!.toLocaleUpperCase()).join('') || '?';
}
