import { DomainError } from './errors.js';
import type { ModerationKind } from './moderation-store.js';

export type PostingMode = 'open' | 'hold-new' | 'hold-all';
export const POSTING_MODES: readonly PostingMode[] = ['open', 'hold-new', 'hold-all'];

export interface BlockedWord {
  word: string;
  /** `hold` sends the post to the queue; `refuse` answers 422 and stores nothing. */
  action: 'hold' | 'refuse';
}

/** How posts in one place are screened before anyone sees them. */
export interface PostingRules {
  mode: PostingMode;
  /** With `hold-new`: a person's first this-many posts wait for review. */
  newPosts: number;
  /** A person with fewer than `newPosts` posts may include at most this many links. */
  newMemberLinks: number;
  blockedWords: readonly BlockedWord[];
  /** The same text twice in a row from one person waits for review. */
  holdRepeated: boolean;
}

export interface ModerationPolicy extends PostingRules {
  /** Distinct people whose open reports hide a post until a moderator decides. */
  reportThreshold: number;
  /**
   * Rules for one place, over the site's: keys `subject:<id>` (reviews and Q&A of a
   * subject) and `board:<id>` (an idea board and its comments).
   */
  scopes: Readonly<Record<string, Partial<PostingRules>>>;
}

/**
 * Three reporters: one person cannot take a post down alone (a grudge, a mistaken tap), and
 * a post that draws three independent reports is worth hiding until someone looks. K = 3
 * posts and 2 links: a newcomer's first few posts show whether they are here to talk, and
 * genuine first posts rarely carry more than a couple of links while link spam carries many.
 * The site opens `open`, and holding repeated text is off: holding is a choice its owner
 * makes, and a widget's own "post again" (a retry without its key, a second identical
 * review on another product) must not vanish into a queue nobody staffs yet.
 */
export const DEFAULT_MODERATION_POLICY: ModerationPolicy = Object.freeze({
  reportThreshold: 3,
  mode: 'open',
  newPosts: 3,
  newMemberLinks: 2,
  blockedWords: [],
  holdRepeated: false,
  scopes: {},
});

export function moderationPolicy(overrides: Partial<ModerationPolicy> = {}): ModerationPolicy {
  const policy = { ...DEFAULT_MODERATION_POLICY, ...overrides };
  if (!Number.isInteger(policy.reportThreshold) || policy.reportThreshold < 1) {
    throw new Error('moderation.reportThreshold must be a whole number of at least 1.');
  }
  for (const [key, rules] of Object.entries({ '': policy, ...policy.scopes })) {
    const where = `moderation${key ? `.scopes["${key}"]` : ''}`;
    for (const name of ['newPosts', 'newMemberLinks'] as const) {
      const value = rules[name];
      if (value !== undefined && (!Number.isInteger(value) || value < 0)) {
        throw new Error(`${where}.${name} must be a whole number of at least 0.`);
      }
    }
    const words = rules.blockedWords;
    if (
      words !== undefined &&
      (!Array.isArray(words) ||
        !words.every(
          (w) =>
            typeof w?.word === 'string' && w.word !== '' && ['hold', 'refuse'].includes(w.action),
        ))
    ) {
      throw new Error(
        `${where}.blockedWords is a list of { "word": "…", "action": "hold" | "refuse" }.`,
      );
    }
    if (rules.mode !== undefined && !POSTING_MODES.includes(rules.mode)) {
      throw new Error(
        `moderation${key ? `.scopes["${key}"]` : ''}.mode must be one of ${POSTING_MODES.join(', ')}.`,
      );
    }
  }
  return policy;
}

/** What a new post is screened as. */
export interface Screening {
  kind: ModerationKind;
  /** `subject:<id>` or `board:<id>`: whose scope rules apply. */
  place: string;
  text: string;
  /** The author's earlier posts and last text. */
  posts: number;
  lastText: string | null;
  isModerator: boolean;
}

/** The rule that holds the post, `null` to publish it; throws for a refused word. */
export function screen(policy: ModerationPolicy, post: Screening): string | null {
  if (post.isModerator) return null;
  const rules: PostingRules = { ...policy, ...policy.scopes[post.place] };
  const text = post.text.toLowerCase();
  const words = rules.blockedWords.filter((w) => containsWord(text, w.word.toLowerCase()));
  if (words.some((w) => w.action === 'refuse')) {
    throw DomainError.invalid([
      {
        pointer: '',
        detail: 'This text uses words this community does not accept. Please reword it.',
      },
    ]);
  }
  if (words.length > 0) return 'blocked-word';
  if (rules.mode === 'hold-all') return 'hold-all';
  const isNew = post.posts < rules.newPosts;
  if (rules.mode === 'hold-new' && isNew) return 'hold-new';
  if (isNew && linkCount(post.text) > rules.newMemberLinks) return 'links';
  if (rules.holdRepeated && post.lastText !== null && post.lastText === normalise(post.text)) {
    return 'repeated';
  }
  return null;
}

/** How posts are compared for "the same text again": case and spacing do not matter. */
export function normalise(text: string): string {
  return text.toLowerCase().replace(/\s+/g, ' ').trim();
}

function linkCount(text: string): number {
  return text.match(/\bhttps?:\/\//gi)?.length ?? 0;
}

function containsWord(text: string, word: string): boolean {
  if (word === '') return false;
  let at = text.indexOf(word);
  while (at !== -1) {
    const before = text[at - 1];
    const after = text[at + word.length];
    if (!isLetter(before) && !isLetter(after)) return true;
    at = text.indexOf(word, at + 1);
  }
  return false;
}

function isLetter(char: string | undefined): boolean {
  return char !== undefined && /[\p{L}\p{N}]/u.test(char);
}
