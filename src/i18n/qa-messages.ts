import { msg, str } from './localize.js';
import { formatNumber, isolate, counted } from './locale.js';
import { someone } from './messages.js';

export const qaMessages = {
  heading: () => msg('Questions and answers'),
  loading: () => msg('Loading questions…'),
  loadFailed: () => msg('Questions could not be loaded.'),
  retry: () => msg('Try again'),
  empty: () => msg('No questions yet.'),
  beFirst: () => msg('No questions yet. Be the first to ask.'),
  noMatches: (query: string) => msg(str`No questions match “${isolate(query)}”.`),
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
  topicLabel: () => msg('Topic (optional)'),
  topicHint: () => msg('People with expertise on the topic can find your question.'),
  topicSuggestions: () => msg('Suggested topics'),
  topicInvalid: () =>
    msg('A topic is lower-case letters, digits and hyphens, up to 32 characters.'),
  postQuestion: () => msg('Post question'),
  postAnswer: () => msg('Post answer'),
  posting: () => msg('Posting…'),
  cancel: () => msg('Cancel'),
  draftSaved: () => msg('Your text is kept on this device until it is posted.'),
  similarHeading: () => msg('Similar questions: yours may already be answered'),
  answerCount: (locale: string, count: number) => {
    const n = formatNumber(locale, count);
    return counted('qa.answers', count, str`${n} answer`, str`${n} answers`);
  },
  voteCount: (locale: string, score: number) => {
    const n = formatNumber(locale, score);
    return counted('qa.votes', Math.abs(score), str`${n} vote`, str`${n} votes`);
  },
  answered: () => msg('Answered'),
  acceptedAnswer: () => msg('Accepted answer'),
  accept: () => msg('Accept this answer'),
  /** The accept toggle once pressed: pressing it again withdraws the acceptance. */
  accepted: () => msg('Accepted'),
  askedBy: (name: string, date: string) => msg(str`Asked by ${isolate(name)} on ${isolate(date)}`),
  answeredBy: (name: string, date: string) =>
    msg(str`Answered by ${isolate(name)} on ${isolate(date)}`),
  /** Followed by the author's `<cw-expert-badge>`, which names them. */
  answeredOnBy: (date: string) => msg(str`Answered on ${isolate(date)} by`),
  edited: () => msg('(edited)'),
  upvote: () => msg('Vote up'),
  downvote: () => msg('Vote down'),
  questionVotes: (title: string) => msg(str`Votes for the question “${isolate(title)}”`),
  answerVotes: (name: string) => msg(str`Votes for the answer by ${isolate(name)}`),
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

/**
 * What Q&A says about experts: the mark on an expert's answer and inviting experts to
 * answer. Here, not in expert-messages.ts, so a Q&A page does not load the expert widgets'
 * sentences.
 */
export const qaExpertMessages = {
  someone,
  expertAnswer: (topic: string) => msg(str`Expert on ${isolate(topic)}`),
  inviteHeading: () => msg('Invite an expert to answer'),
  findExperts: (topic: string) => msg(str`Find experts on ${isolate(topic)}`),
  noExpertsToInvite: () => msg('Nobody else has expertise on these topics yet.'),
  invite: (name: string) => msg(str`Invite ${isolate(name)}`),
  invited: (name: string) => msg(str`${isolate(name)} is invited`),
};
