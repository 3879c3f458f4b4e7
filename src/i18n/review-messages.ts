import { msg, str } from './localize.js';
import { formatNumber, isolate, counted } from './locale.js';

export const reviewMessages = {
  label: () => msg('Reviews'),
  labelFor: (label: string) => msg(str`Reviews of ${isolate(label)}`),
  loading: () => msg('Loading reviews…'),
  loadFailed: () => msg('Reviews could not be loaded.'),
  empty: () => msg('No reviews yet.'),
  emptyFiltered: (stars: number) =>
    counted(
      'reviews.empty-filtered',
      stars,
      str`No ${stars}-star reviews yet.`,
      str`No ${stars}-star reviews yet.`,
    ),
  outOfFive: (locale: string, average: number) => {
    const formatted = formatNumber(locale, average, 1);
    return msg(str`${formatted} out of 5`);
  },
  filterLabel: () => msg('Show reviews with'),
  /** `ratings` is a count sentence such as "12 ratings" (ratingMessages.count). */
  filterButton: (stars: number, ratings: string) =>
    counted(
      'reviews.filter',
      stars,
      str`${stars} star: ${ratings}`,
      str`${stars} stars: ${ratings}`,
    ),
  filtered: (stars: number) =>
    counted(
      'reviews.filtered',
      stars,
      str`Showing ${stars}-star reviews.`,
      str`Showing ${stars}-star reviews.`,
    ),
  showAll: () => msg('Show all reviews'),
  sortLabel: () => msg('Sort by'),
  sortNewest: () => msg('Newest'),
  sortHelpful: () => msg('Most helpful'),
  sortHighest: () => msg('Highest rated'),
  sortLowest: () => msg('Lowest rated'),
  starsOf: (stars: number) =>
    counted('reviews.stars', stars, str`Rated ${stars} out of 5`, str`Rated ${stars} out of 5`),
  byAuthor: () => msg('By'),
  edited: () => msg('(edited)'),
  verified: () => msg('Verified purchase'),
  verifiedHint: () => msg('The shop confirmed that this reviewer bought or used it.'),
  yourReview: () => msg('Your review'),
  helpfulQuestion: () => msg('Was this review helpful?'),
  helpfulYes: (locale: string, count: number) => {
    const n = formatNumber(locale, count);
    return msg(str`Yes (${n})`);
  },
  helpfulNo: (locale: string, count: number) => {
    const n = formatNumber(locale, count);
    return msg(str`No (${n})`);
  },
  helpfulCounts: (locale: string, yes: number, no: number) => {
    const y = formatNumber(locale, yes);
    const n = formatNumber(locale, no);
    return msg(str`Helpful: ${y} yes, ${n} no`);
  },
  helpfulSaved: () => msg('Thanks, your answer was saved.'),
  helpfulFailed: (reason: string) => msg(str`Your answer was not saved. ${reason}`),
  loadMore: () => msg('Show more reviews'),
  loadingMore: () => msg('Loading more reviews…'),
  loadMoreFailed: (reason: string) => msg(str`More reviews could not be loaded. ${reason}`),
  retry: () => msg('Try again'),
  signIn: () => msg('Sign in to write a review.'),
  write: () => msg('Write a review'),
  writeTitle: () => msg('Write your review'),
  editTitle: () => msg('Edit your review'),
  edit: () => msg('Edit'),
  remove: () => msg('Delete'),
  removeConfirm: () => msg('Delete your review? Your star rating stays.'),
  removeYes: () => msg('Yes, delete it'),
  removeNo: () => msg('Keep it'),
  removed: () => msg('Your review was deleted. Your star rating stays.'),
  removeFailed: (reason: string) => msg(str`Your review was not deleted. ${reason}`),
  starsField: () => msg('Your rating'),
  titleField: () => msg('Title'),
  bodyField: () => msg('Your review'),
  bodyHint: (max: number) => msg(str`Up to ${max} characters. Links become clickable.`),
  publish: () => msg('Publish review'),
  publishing: () => msg('Publishing…'),
  save: () => msg('Save changes'),
  saving: () => msg('Saving…'),
  cancel: () => msg('Cancel'),
  published: () => msg('Your review was published. Thank you!'),
  saved: () => msg('Your changes were saved.'),
  draftKept: () => msg('Your text is kept here, also if you leave the page.'),
  postFailed: (reason: string) => msg(str`Your review was not published. ${reason}`),
  saveFailed: (reason: string) => msg(str`Your changes were not saved. ${reason}`),
  alreadyReviewed: () =>
    msg('You have already reviewed this. Edit your review instead of writing a second one.'),
  fixFields: () => msg('Please correct the marked fields.'),
  starsMissing: () => msg('Choose how many stars you give.'),
  titleEmpty: () => msg('Please give your review a title.'),
  bodyEmpty: () => msg('Please write a few words about it.'),
  tooLong: (max: number, length: number) =>
    msg(str`This is ${length} characters long; the most is ${max}. Please shorten it.`),
  date: (date: string) => msg(str`Reviewed on ${isolate(date)}`),
};
