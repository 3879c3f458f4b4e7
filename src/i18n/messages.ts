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
