import { msg, str } from './localize.js';
import { formatNumber, pluralCategory } from './locale.js';

/**
 * Every sentence a widget shows. Sentences are whole (never concatenated) and carry
 * numbers as placeholders, so translators can reorder them. Message ids are derived from
 * the text by lit-localize, except for plural forms: those use one message per CLDR
 * category with an explicit id, because English repeats the same text where languages
 * such as Arabic need six different ones.
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
  aborted: () => msg('The request was cancelled.'),
};

export const ratingMessages = {
  groupLabel: () => msg('Your rating'),
  groupLabelFor: (label: string) => msg(str`Your rating of ${label}`),
  starLabel: (value: number) =>
    value === 1
      ? msg('1 star', { id: 'rating.star-one' })
      : msg(str`${value} stars`, { id: 'rating.star-other' }),
  average: (locale: string, average: number) => {
    const formatted = formatNumber(locale, average, 1);
    return msg(str`Rated ${formatted} out of 5`);
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
  distributionLabel: () => msg('Ratings by number of stars'),
  distributionRow: (locale: string, stars: number, count: number, percent: number) => {
    const n = formatNumber(locale, count);
    const p = formatNumber(locale, percent);
    return msg(str`${stars} stars: ${n} (${p}%)`);
  },
  empty: () => msg('No ratings yet'),
  beFirst: () => msg('Be the first to rate it.'),
  loading: () => msg('Loading ratings…'),
  loadFailed: () => msg('Ratings could not be loaded.'),
  retry: () => msg('Try again'),
  clear: () => msg('Remove my rating'),
  signIn: () => msg('Sign in to rate this.'),
  rated: (value: number) =>
    value === 1
      ? msg('You rated this 1 star out of 5.', { id: 'rating.rated-one' })
      : msg(str`You rated this ${value} stars out of 5.`, { id: 'rating.rated-other' }),
  cleared: () => msg('Your rating was removed.'),
  saveFailed: (reason: string) => msg(str`Your rating was not saved. ${reason}`),
  required: () => msg('Please choose a rating.'),
  invalidSubject: () => msg('This item cannot be rated because its id is not valid.'),
  invalidValue: () => msg('Choose a whole number of stars from 1 to 5.'),
};

export const qaMessages = {
  heading: () => msg('Questions and answers'),
  loading: () => msg('Loading questions…'),
  loadFailed: () => msg('Questions could not be loaded.'),
  retry: () => msg('Try again'),
  empty: () => msg('No questions yet.'),
  beFirst: () => msg('No questions yet. Be the first to ask.'),
  noMatches: (query: string) => msg(str`No questions match “${query}”.`),
  searchLabel: () => msg('Search questions'),
  sortLabel: () => msg('Sort by'),
  sortVotes: () => msg('Most votes'),
  sortNewest: () => msg('Newest'),
  sortUnanswered: () => msg('Unanswered'),
  listLabel: () => msg('Questions'),
  ask: () => msg('Ask a question'),
  signIn: () => msg('Sign in to ask, answer and vote.'),
  titleLabel: () => msg('Your question'),
  titleHint: (min: number, max: number) => msg(str`Between ${min} and ${max} characters.`),
  detailsLabel: () => msg('Details (optional)'),
  postQuestion: () => msg('Post question'),
  postAnswer: () => msg('Post answer'),
  posting: () => msg('Posting…'),
  cancel: () => msg('Cancel'),
  draftSaved: () => msg('Your text is kept on this device until it is posted.'),
  similarHeading: () => msg('Similar questions: yours may already be answered'),
  answerCount: (locale: string, count: number) => {
    const n = formatNumber(locale, count);
    switch (pluralCategory(locale, count)) {
      case 'zero':
        return msg(str`${n} answers`, { id: 'qa.answers-zero' });
      case 'one':
        return msg(str`${n} answer`, { id: 'qa.answers-one' });
      case 'two':
        return msg(str`${n} answers`, { id: 'qa.answers-two' });
      case 'few':
        return msg(str`${n} answers`, { id: 'qa.answers-few' });
      case 'many':
        return msg(str`${n} answers`, { id: 'qa.answers-many' });
      default:
        return msg(str`${n} answers`, { id: 'qa.answers-other' });
    }
  },
  voteCount: (locale: string, score: number) => {
    const n = formatNumber(locale, score);
    switch (pluralCategory(locale, Math.abs(score))) {
      case 'zero':
        return msg(str`${n} votes`, { id: 'qa.votes-zero' });
      case 'one':
        return msg(str`${n} vote`, { id: 'qa.votes-one' });
      case 'two':
        return msg(str`${n} votes`, { id: 'qa.votes-two' });
      case 'few':
        return msg(str`${n} votes`, { id: 'qa.votes-few' });
      case 'many':
        return msg(str`${n} votes`, { id: 'qa.votes-many' });
      default:
        return msg(str`${n} votes`, { id: 'qa.votes-other' });
    }
  },
  answered: () => msg('Answered'),
  acceptedAnswer: () => msg('Accepted answer'),
  accept: () => msg('Accept this answer'),
  askedBy: (name: string, date: string) => msg(str`Asked by ${name} on ${date}`),
  answeredBy: (name: string, date: string) => msg(str`Answered by ${name} on ${date}`),
  edited: () => msg('(edited)'),
  upvote: () => msg('Vote up'),
  downvote: () => msg('Vote down'),
  questionVotes: (title: string) => msg(str`Votes for the question “${title}”`),
  answerVotes: (name: string) => msg(str`Votes for the answer by ${name}`),
  answersHeading: () => msg('Answers'),
  noAnswers: () => msg('No answers yet.'),
  answersLoading: () => msg('Loading answers…'),
  answersFailed: () => msg('Answers could not be loaded.'),
  yourAnswer: () => msg('Your answer'),
  loadMore: () => msg('Show more questions'),
  loadMoreAnswers: () => msg('Show more answers'),
  loadMoreFailed: () => msg('More could not be loaded.'),
  titleTooShort: (min: number) => msg(str`Your question needs at least ${min} characters.`),
  titleTooLong: (max: number, length: number) =>
    msg(str`Your question may have at most ${max} characters; it has ${length}.`),
  detailsTooLong: (max: number, length: number) =>
    msg(str`The details may have at most ${max} characters; they have ${length}.`),
  answerEmpty: () => msg('Write your answer first.'),
  answerTooLong: (max: number, length: number) =>
    msg(str`Your answer may have at most ${max} characters; it has ${length}.`),
  questionNotPosted: (reason: string) =>
    msg(str`Your question was not posted. ${reason} Your text is kept.`),
  answerNotPosted: (reason: string) =>
    msg(str`Your answer was not posted. ${reason} Your text is kept.`),
  questionPosted: () => msg('Your question was posted.'),
  answerPosted: () => msg('Your answer was posted.'),
  voteFailed: (reason: string) => msg(str`Your vote was not saved. ${reason}`),
  acceptFailed: (reason: string) => msg(str`The accepted answer was not changed. ${reason}`),
  invalidSubject: () => msg('Questions cannot be shown because this item’s id is not valid.'),
  edit: () => msg('Edit'),
  save: () => msg('Save'),
  remove: () => msg('Delete'),
  keep: () => msg('Keep it'),
  confirmDeleteQuestion: () => msg('Delete this question and its answers?'),
  confirmDeleteAnswer: () => msg('Delete this answer?'),
  editQuestionLabel: () => msg('Edit your question'),
  editAnswerLabel: () => msg('Edit your answer'),
  saved: () => msg('Your changes were saved.'),
  deleted: () => msg('Deleted.'),
  notSaved: (reason: string) => msg(str`Your changes were not saved. ${reason} Your text is kept.`),
  notDeleted: (reason: string) => msg(str`It was not deleted. ${reason}`),
  topics: () => msg('Topics'),
};

export const reviewMessages = {
  label: () => msg('Reviews'),
  labelFor: (label: string) => msg(str`Reviews of ${label}`),
  loading: () => msg('Loading reviews…'),
  loadFailed: () => msg('Reviews could not be loaded.'),
  empty: () => msg('No reviews yet.'),
  emptyFiltered: (stars: number) =>
    stars === 1
      ? msg('No 1-star reviews yet.', { id: 'reviews.empty-filtered-one' })
      : msg(str`No ${stars}-star reviews yet.`, { id: 'reviews.empty-filtered-other' }),
  outOfFive: (locale: string, average: number) => {
    const formatted = formatNumber(locale, average, 1);
    return msg(str`${formatted} out of 5`);
  },
  filterLabel: () => msg('Show reviews with'),
  /** `ratings` is a count sentence such as "12 ratings" (ratingMessages.count). */
  filterButton: (stars: number, ratings: string) =>
    stars === 1
      ? msg(str`1 star: ${ratings}`, { id: 'reviews.filter-one' })
      : msg(str`${stars} stars: ${ratings}`, { id: 'reviews.filter-other' }),
  filtered: (stars: number) =>
    stars === 1
      ? msg('Showing 1-star reviews.', { id: 'reviews.filtered-one' })
      : msg(str`Showing ${stars}-star reviews.`, { id: 'reviews.filtered-other' }),
  showAll: () => msg('Show all reviews'),
  sortLabel: () => msg('Sort by'),
  sortNewest: () => msg('Newest'),
  sortHelpful: () => msg('Most helpful'),
  sortHighest: () => msg('Highest rated'),
  sortLowest: () => msg('Lowest rated'),
  starsOf: (stars: number) =>
    stars === 1
      ? msg('Rated 1 out of 5', { id: 'reviews.stars-one' })
      : msg(str`Rated ${stars} out of 5`, { id: 'reviews.stars-other' }),
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
  date: (date: string) => msg(str`Reviewed on ${date}`),
};
