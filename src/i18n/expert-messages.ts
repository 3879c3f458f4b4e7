import { msg, str } from './localize.js';
import { formatNumber, isolate, counted } from './locale.js';
import { someone } from './messages.js';

/** The sentences of `<cw-expert-badge>` and `<cw-expert-list>` (Q&A's expert marks: qa-messages.ts). */
export const expertMessages = {
  someone,
  level: (level: string) => {
    switch (level) {
      case 'contributor':
        return msg('Contributor');
      case 'trusted':
        return msg('Trusted');
      case 'expert':
        return msg('Expert');
      case 'leader':
        return msg('Leader');
      default:
        return msg('Newcomer');
    }
  },
  badge: (badge: string) => {
    switch (badge) {
      case 'accepted-answer':
        return msg('Accepted answer');
      case 'problem-solver':
        return msg('Problem solver');
      case 'helpful-reviewer':
        return msg('Helpful reviewer');
      case 'idea-shipped':
        return msg('Idea shipped');
      default:
        return msg('Endorsed by peers');
    }
  },
  cardLabel: (name: string) => msg(str`Profile of ${isolate(name)}`),
  reputation: (locale: string, points: number) => {
    const n = formatNumber(locale, points);
    return counted(
      'experts.reputation',
      points,
      str`${n} reputation point`,
      str`${n} reputation points`,
    );
  },
  nextLevel: (locale: string, points: number) => {
    const n = formatNumber(locale, points);
    return msg(str`Next level at ${n}`);
  },
  topics: () => msg('Knows about'),
  noTopics: () => msg('No topics yet.'),
  badges: () => msg('Badges'),
  endorsements: (locale: string, count: number) => {
    const n = formatNumber(locale, count);
    return counted('experts.endorsements', count, str`${n} endorsement`, str`${n} endorsements`);
  },
  endorse: (topic: string) => msg(str`Endorse for ${isolate(topic)}`),
  endorsed: (topic: string) => msg(str`Endorsed for ${isolate(topic)}`),
  endorsedNow: (name: string, topic: string) =>
    msg(str`You endorsed ${isolate(name)} for ${isolate(topic)}.`),
  withdrawnNow: (name: string, topic: string) =>
    msg(str`You withdrew your endorsement of ${isolate(name)} for ${isolate(topic)}.`),
  signInToEndorse: () => msg('Sign in to endorse people for what they know.'),
  loading: () => msg('Loading profile…'),
  loadFailed: () => msg('This profile could not be loaded.'),
  retry: () => msg('Try again'),
  unsupported: () => msg('This community service has no people directory.'),
  listLabel: (topic: string) => msg(str`Experts on ${isolate(topic)}`),
  listLabelAll: () => msg('Top contributors'),
  listLoading: () => msg('Loading experts…'),
  listFailed: () => msg('The experts could not be loaded.'),
  listEmpty: () => msg('Nobody has expertise here yet.'),
  loadMore: () => msg('Show more experts'),
  loadingMore: () => msg('Loading more experts…'),
  rank: (locale: string, rank: number) => {
    const n = formatNumber(locale, rank);
    return msg(str`Rank ${n}`);
  },
  score: (locale: string, score: number) => {
    const n = formatNumber(locale, score);
    return msg(str`Score ${n}`);
  },
};
