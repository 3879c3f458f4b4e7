import { msg, str } from './localize.js';
import { formatNumber, isolate, counted } from './locale.js';

export const ideaMessages = {
  loading: () => msg('Loading ideas…'),
  loadFailed: () => msg('The ideas could not be loaded.'),
  boardMissing: () => msg('This idea board does not exist.'),
  unsupported: () => msg('This community service has no idea boards.'),
  retry: () => msg('Try again'),
  empty: () => msg('No ideas here yet.'),
  noMatches: () => msg('No ideas match your search.'),
  loadMore: () => msg('Show more ideas'),
  loadingMore: () => msg('Loading more ideas…'),
  search: () => msg('Search ideas'),
  sort: () => msg('Sort by'),
  sortTop: () => msg('Most votes'),
  sortNew: () => msg('Newest'),
  sortTrending: () => msg('Trending'),
  statusFilter: () => msg('Status'),
  allStatuses: () => msg('All open and closed'),
  status: (status: string) => {
    switch (status) {
      case 'planned':
        return msg('Planned');
      case 'started':
        return msg('In progress');
      case 'completed':
        return msg('Completed');
      case 'declined':
        return msg('Declined');
      case 'duplicate':
        return msg('Duplicate');
      default:
        return msg('Open');
    }
  },
  votes: (locale: string, count: number) => {
    const n = formatNumber(locale, count);
    return counted('idea.votes', count, str`${n} vote`, str`${n} votes`);
  },
  comments: (locale: string, count: number) => {
    const n = formatNumber(locale, count);
    return counted('idea.comments', count, str`${n} comment`, str`${n} comments`);
  },
  votesLeft: (locale: string, left: number, budget: number) => {
    const n = formatNumber(locale, left);
    const of = formatNumber(locale, budget);
    return counted(
      'idea.votes-left',
      left,
      str`${n} of ${of} votes left`,
      str`${n} of ${of} votes left`,
    );
  },
  budgetSpent: () =>
    msg('You have used all your votes. Take a vote back from another idea to vote for this one.'),
  voteFor: (title: string) => msg(str`vote for “${isolate(title)}”`),
  voteClosed: (title: string) => msg(str`for “${isolate(title)}”; this idea is closed to votes`),
  voted: (title: string) => msg(str`You voted for “${isolate(title)}”.`),
  unvoted: (title: string) => msg(str`You took back your vote for “${isolate(title)}”.`),
  voteFailed: (reason: string) => msg(str`Your vote was not saved. ${reason}`),
  signIn: () => msg('Sign in to vote and share ideas.'),
  postingClosed: () => msg('Only some people can add ideas to this board.'),
  shareIdea: () => msg('Share an idea'),
  formTitle: () => msg('Your idea'),
  titleLabel: () => msg('Title'),
  titleHint: (min: number, max: number) =>
    msg(str`Say what you want in ${min} to ${max} characters.`),
  bodyLabel: () => msg('Details (optional)'),
  submit: () => msg('Post idea'),
  submitting: () => msg('Posting…'),
  submitRetry: () => msg('Try posting again'),
  submitFailed: (reason: string) =>
    msg(str`Your idea was not posted; your text is kept. ${reason}`),
  submitted: (title: string) => msg(str`Your idea “${isolate(title)}” was posted.`),
  titleInvalid: (min: number, max: number) =>
    msg(str`The title needs ${min} to ${max} characters.`),
  similarHeading: () => msg('Similar ideas already here — vote for one instead?'),
  cancel: () => msg('Cancel'),
  back: () => msg('Back to all ideas'),
  by: (name: string) => msg(str`by ${isolate(name)}`),
  note: () => msg('Note from the team'),
  mergedInto: () => msg('This idea was merged into another one.'),
  openSurvivor: () => msg('Open the idea it was merged into'),
  commentsHeading: () => msg('Comments'),
  noComments: () => msg('No comments yet.'),
  official: () => msg('Team'),
  moreComments: () => msg('Show more comments'),
  commentLabel: () => msg('Your comment'),
  commentSubmit: () => msg('Post comment'),
  commentEmpty: () => msg('Write your comment first.'),
  commentFailed: (reason: string) =>
    msg(str`Your comment was not posted; your text is kept. ${reason}`),
  commentsFailed: () => msg('The comments could not be loaded.'),
  moderation: () => msg('Moderation'),
  newStatus: () => msg('New status'),
  publicNote: () => msg('Public note (optional)'),
  saveStatus: () => msg('Save status'),
  statusSaved: (status: string) => msg(str`The status is now ${status}.`),
  statusFailed: (reason: string) => msg(str`The status was not changed. ${reason}`),
  mergeInto: () => msg('Merge into'),
  mergeChoose: () => msg('Choose an idea'),
  merge: () => msg('Merge'),
  merged: (title: string) => msg(str`Merged into “${isolate(title)}”.`),
  mergeFailed: (reason: string) => msg(str`The ideas were not merged. ${reason}`),
  updatesButton: (locale: string, count: number) => {
    const n = formatNumber(locale, count);
    return msg(str`Your ideas moved (${n})`);
  },
  updatesHeading: () => msg('Your ideas moved'),
  updatesEmpty: () => msg('Nothing new on the ideas you voted for.'),
  update: (title: string, status: string) => msg(str`“${isolate(title)}” is now ${status}.`),
  updatesDone: () => msg('Back to all ideas'),
};
