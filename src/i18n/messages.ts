import { msg, str } from './localize.js';
import { formatNumber, counted } from './locale.js';

/**
 * Every sentence a widget shows. Sentences are whole (never concatenated) and carry
 * numbers as placeholders, so translators can reorder them. Message ids are derived from
 * the text by lit-localize, except for plural forms: those use one message per CLDR
 * category with an explicit id, because English repeats the same text where languages
 * such as Arabic need six different ones.
 *
 * Each widget's sentences live in a module of their own (qa-messages.ts, …) so a page loads
 * only the sentences of the widgets it shows.
 */

export const errorMessages = {
  network: () =>
    msg('We could not reach the community service. Check your connection and try again.'),
  unauthenticated: () => msg('Your session has ended. Sign in again to continue.'),
  forbidden: () => msg('You are not allowed to do that.'),
  notFound: () => msg('We could not find that any more.'),
  conflict: () => msg('Someone changed this at the same time. Please try again.'),
  tooLarge: () => msg('That is too long to send.'),
  invalid: () => msg('Some of what was sent is not valid.'),
  rateLimited: (seconds: number) =>
    msg(str`Too many requests. Please try again in ${seconds} seconds.`),
  server: () => msg('The community service had a problem. Please try again in a moment.'),
  timeout: () => msg('The community service did not answer in time. Please try again.'),
  badAnswer: () =>
    msg('The community service sent an answer we could not read. Please try again in a moment.'),
  unavailable: () => msg('The community service is unavailable. Please try again shortly.'),
  aborted: () => msg('The request was cancelled.'),
};

/** A person without a display name, wherever people are named (experts, invitations). */
export const someone = () => msg('Community member');

/**
 * What `<cw-rating>` shows to everyone. The sentences of rating, its outcome and the star
 * input are in rating-input-messages.ts, which loads with the input.
 */
export const ratingMessages = {
  average: (locale: string, average: number) => {
    const formatted = formatNumber(locale, average, 1);
    return msg(str`Rated ${formatted} out of 5`);
  },
  count: (locale: string, count: number) => {
    const n = formatNumber(locale, count);
    return counted('rating.count', count, str`${n} rating`, str`${n} ratings`);
  },
  distributionLabel: () => msg('Ratings by number of stars'),
  distributionRow: (locale: string, stars: number, count: number, percent: number) => {
    const n = formatNumber(locale, count);
    const p = formatNumber(locale, percent);
    return counted(
      'rating.distribution-row',
      stars,
      str`${stars} star: ${n} (${p}%)`,
      str`${stars} stars: ${n} (${p}%)`,
    );
  },
  empty: () => msg('No ratings yet'),
  loading: () => msg('Loading ratings…'),
  loadFailed: () => msg('Ratings could not be loaded.'),
  retry: () => msg('Try again'),
  signIn: () => msg('Sign in to rate this.'),
  required: () => msg('Please choose a rating.'),
  invalidSubject: () => msg('This item cannot be rated because its id is not valid.'),
};

/** `<cw-idea-board>`. */
