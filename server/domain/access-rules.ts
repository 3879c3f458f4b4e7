import { BOARD_ID_PATTERN } from './idea-rules.js';
import type { Identity, Role } from './types.js';
import { SUBJECT_ID_PATTERN } from './validate.js';

/**
 * Private spaces: who may read and write in a place. Keys name places as moderation's
 * scopes do — `board:<id>` (an idea board, its ideas and comments), `subject:<id>` (a
 * subject's ratings, reviews, questions and answers) — and `subject:<prefix>*` names every
 * subject whose id starts with the prefix (`subject:hr-*`), so a site can keep a family of
 * subjects private without listing each one. The value is the roles whose people may
 * enter; a place without an entry is open to everyone.
 */
export type AccessPolicy = Readonly<Record<string, readonly Role[]>>;

const ROLES: readonly Role[] = ['member', 'employee', 'moderator'];

/** Checks a policy as the site declares it; throws an Error naming each broken entry. */
export function accessPolicy(input: unknown): AccessPolicy {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    throw new Error('access is an object of places, e.g. { "board:roadmap": ["employee"] }.');
  }
  const problems: string[] = [];
  for (const [place, roles] of Object.entries(input as Record<string, unknown>)) {
    const where = `access["${place}"]`;
    if (!isPlaceKey(place)) {
      problems.push(
        `${where}: a place is "board:<board id>", "subject:<subject id>" or "subject:<prefix>*".`,
      );
    }
    if (
      !Array.isArray(roles) ||
      roles.length === 0 ||
      !roles.every((role) => ROLES.includes(role as Role))
    ) {
      problems.push(`${where}: list the roles that may enter, from ${ROLES.join(', ')}.`);
    }
  }
  if (problems.length > 0) throw new Error(problems.join('\n'));
  return Object.freeze({ ...(input as Record<string, readonly Role[]>) });
}

function isPlaceKey(place: string): boolean {
  if (place.startsWith('board:')) return BOARD_ID_PATTERN.test(place.slice(6));
  if (!place.startsWith('subject:')) return false;
  const id = place.slice(8);
  return SUBJECT_ID_PATTERN.test(id.endsWith('*') ? id.slice(0, -1) : id);
}

/** A policy as `readersOf` consults it: exact places, then prefixes longest first. */
interface PolicyIndex {
  exact: ReadonlyMap<string, readonly Role[]>;
  prefixes: ReadonlyArray<readonly [prefix: string, roles: readonly Role[]]>;
}

/**
 * Indexed once per policy object (policies are frozen; a change makes a new one). A batched
 * read checks every subject of a page: with the record's own lookups and `Object.entries` per
 * subject this was 3% of a 20-subject ratings read's CPU on a site with no private space.
 */
const indexes = new WeakMap<AccessPolicy, PolicyIndex>();

function indexOf(policy: AccessPolicy): PolicyIndex {
  let index = indexes.get(policy);
  if (!index) {
    const entries = Object.entries(policy);
    index = {
      exact: new Map(entries.filter(([key]) => !key.endsWith('*'))),
      prefixes: entries
        .filter(([key]) => key.endsWith('*'))
        .map(([key, roles]) => [key.slice(0, -1), roles] as const)
        .sort((a, b) => b[0].length - a[0].length),
    };
    indexes.set(policy, index);
  }
  return index;
}

/**
 * The roles that may enter `place`, or null when it is open to everyone. An exact entry wins;
 * otherwise the longest `subject:<prefix>*` entry that the place's id starts with.
 */
export function readersOf(policy: AccessPolicy, place: string): readonly Role[] | null {
  const { exact, prefixes } = indexOf(policy);
  const found = exact.get(place);
  if (found) return found;
  if (!place.startsWith('subject:')) return null;
  return prefixes.find(([prefix]) => place.startsWith(prefix))?.[1] ?? null;
}

/**
 * The private-space rule: whether `viewer` may read and write in `place`. Moderators enter
 * every place, since the moderation queue shows them posts from all of them; anonymous
 * visitors enter only open places.
 */
export function mayEnter(policy: AccessPolicy, viewer: Identity | null, place: string): boolean {
  const readers = readersOf(policy, place);
  if (readers === null) return true;
  if (viewer === null) return false;
  return viewer.roles.some((role) => role === 'moderator' || readers.includes(role));
}

export const boardPlace = (board: string): string => `board:${board}`;
export const subjectPlace = (subject: string): string => `subject:${subject}`;

/**
 * What a subject outside the viewer's spaces answers. A subject has no record of its own to
 * be missing, so every subject a private rule names answers this, whether or not anyone has
 * posted there: the answer tells of the site's configuration, never of its content.
 */
export const NO_SUCH_SUBJECT = 'There is no such subject.';
