import { msg, str } from './localize.js';
import { formatNumber, pluralCategory } from './locale.js';

/**
 * Every sentence a widget shows. Sentences are whole (never concatenated) and carry
 * numbers as placeholders, so translators can reorder them. Plural forms use one message
 * per CLDR category; English only fills `one` and `other`, but the ids for the other
 * categories exist so languages such as Arabic can translate each.
 */

export const errorMessages = {
  network: () =>
    msg('We could not reach the community service. Check your connection and try again.', {
      id: 'error.network',
    }),
  unauthenticated: () =>
    msg('Your session has ended. Sign in again to continue.', { id: 'error.unauthenticated' }),
  forbidden: () => msg('You are not allowed to do that.', { id: 'error.forbidden' }),
  notFound: () => msg('We could not find that any more.', { id: 'error.not-found' }),
  conflict: () =>
    msg('Someone changed this at the same time. Please try again.', { id: 'error.conflict' }),
  tooLarge: () => msg('That is too long to send.', { id: 'error.too-large' }),
  invalid: () => msg('Some of what was sent is not valid.', { id: 'error.invalid' }),
  rateLimited: (seconds: number) =>
    msg(str`Too many requests. Please try again in ${seconds} seconds.`, {
      id: 'error.rate-limited',
    }),
  server: () =>
    msg('The community service had a problem. Please try again in a moment.', {
      id: 'error.server',
    }),
  aborted: () => msg('The request was cancelled.', { id: 'error.aborted' }),
};

export const ratingMessages = {
  groupLabel: () => msg('Your rating', { id: 'rating.group-label' }),
  groupLabelFor: (label: string) =>
    msg(str`Your rating of ${label}`, { id: 'rating.group-label-for' }),
  starLabel: (value: number) =>
    value === 1
      ? msg('1 star', { id: 'rating.star-one' })
      : msg(str`${value} stars`, { id: 'rating.star-other' }),
  average: (locale: string, average: number) => {
    const formatted = formatNumber(locale, average, 1);
    return msg(str`Rated ${formatted} out of 5`, { id: 'rating.average' });
  },
  count: (locale: string, count: number) => {
    const n = formatNumber(locale, count);
    switch (pluralCategory(locale, count)) {
      case 'zero':
        return msg(str`${n} ratings`, { id: 'rating.count-zero' });
      case 'one':
        return msg(str`${n} rating`, { id: 'rating.count-one' });
      case 'two':
        return msg(str`${n} ratings`, { id: 'rating.count-two' });
      case 'few':
        return msg(str`${n} ratings`, { id: 'rating.count-few' });
      case 'many':
        return msg(str`${n} ratings`, { id: 'rating.count-many' });
      default:
        return msg(str`${n} ratings`, { id: 'rating.count-other' });
    }
  },
  distributionLabel: () => msg('Ratings by number of stars', { id: 'rating.distribution-label' }),
  distributionRow: (locale: string, stars: number, count: number, percent: number) => {
    const n = formatNumber(locale, count);
    const p = formatNumber(locale, percent);
    return msg(str`${stars} stars: ${n} (${p}%)`, { id: 'rating.distribution-row' });
  },
  empty: () => msg('No ratings yet', { id: 'rating.empty' }),
  beFirst: () => msg('Be the first to rate it.', { id: 'rating.be-first' }),
  loading: () => msg('Loading ratings…', { id: 'rating.loading' }),
  loadFailed: () => msg('Ratings could not be loaded.', { id: 'rating.load-failed' }),
  retry: () => msg('Try again', { id: 'rating.retry' }),
  clear: () => msg('Remove my rating', { id: 'rating.clear' }),
  signIn: () => msg('Sign in to rate this.', { id: 'rating.sign-in' }),
  rated: (value: number) =>
    value === 1
      ? msg('You rated this 1 star out of 5.', { id: 'rating.rated-one' })
      : msg(str`You rated this ${value} stars out of 5.`, { id: 'rating.rated-other' }),
  cleared: () => msg('Your rating was removed.', { id: 'rating.cleared' }),
  saveFailed: (reason: string) =>
    msg(str`Your rating was not saved. ${reason}`, { id: 'rating.save-failed' }),
  required: () => msg('Please choose a rating.', { id: 'rating.required' }),
  invalidSubject: () =>
    msg('This item cannot be rated because its id is not valid.', {
      id: 'rating.invalid-subject',
    }),
  invalidValue: () =>
    msg('Choose a whole number of stars from 1 to 5.', { id: 'rating.invalid-value' }),
};
