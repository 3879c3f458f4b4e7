import { msg, str } from './localize.js';

/** What `<cw-moderation-queue>` says (its own chunk: only the moderators' page loads it). */
export const queueMessages = {
  heading: () => msg('Moderation'),
  viewsLabel: () => msg('Moderation views'),
  queue: () => msg('Queue'),
  log: () => msg('Log'),
  suspensions: () => msg('Suspended people'),
  notModerator: () => msg('Only moderators can see the moderation queue.'),
  signIn: () => msg('Sign in as a moderator to see the moderation queue.'),
  loading: () => msg('Loading…'),
  failed: (reason: string) => msg(str`This could not be loaded: ${reason}`),
  retry: () => msg('Try again'),
  empty: () => msg('Nothing is waiting for a decision.'),
  logEmpty: () => msg('No decisions yet.'),
  suspensionsEmpty: () => msg('Nobody is suspended.'),
  loadMore: () => msg('Show more'),
  kindFilter: () => msg('Kind'),
  reasonFilter: () => msg('Reported as'),
  any: () => msg('Any'),
  kind: (kind: string) => {
    switch (kind) {
      case 'question':
        return msg('Question');
      case 'answer':
        return msg('Answer');
      case 'review':
        return msg('Review');
      case 'idea':
        return msg('Idea');
      case 'comment':
        return msg('Comment');
      default:
        return msg('Person');
    }
  },
  reason: (reason: string) => {
    switch (reason) {
      case 'spam':
        return msg('Spam or advertising');
      case 'abuse':
        return msg('Abusive or hateful');
      case 'off-topic':
        return msg('Off-topic');
      default:
        return msg('Something else');
    }
  },
  state: (state: string) => {
    switch (state) {
      case 'held':
        return msg('Held for review');
      case 'hidden':
        return msg('Hidden after reports');
      case 'removed':
        return msg('Removed');
      default:
        return msg('Visible, reported');
    }
  },
  rule: (rule: string) => {
    switch (rule) {
      case 'hold-new':
        return msg("A new member's first posts");
      case 'hold-all':
        return msg('Every post here is reviewed');
      case 'blocked-word':
        return msg('A blocked word');
      case 'links':
        return msg("Links in a new member's post");
      case 'repeated':
        return msg('The same text again');
      default:
        return msg('Reports');
    }
  },
  by: (name: string) => msg(str`by ${name}`),
  reportedBy: (name: string) => msg(str`reported by ${name}`),
  select: (title: string) => msg(str`Select: ${title}`),
  approve: () => msg('Approve'),
  remove: () => msg('Remove'),
  restore: () => msg('Restore'),
  removeReason: () => msg('Reason, shown to the author'),
  confirmRemove: () => msg('Remove with this reason'),
  cancel: () => msg('Cancel'),
  keys: () => msg('Keys: A approves, R removes the post you are on.'),
  selected: (count: number) => msg(str`${count} selected`),
  approveSelected: () => msg('Approve selected'),
  removeSelected: () => msg('Remove selected'),
  decided: (count: number) => msg(str`Done: ${count} decided.`),
  notDecided: (reason: string) => msg(str`That did not work: ${reason}`),
  rulesActed: () => msg('Posting rules'),
  action: (action: string) => {
    switch (action) {
      case 'hold':
        return msg('held');
      case 'hide':
        return msg('hid');
      case 'approve':
        return msg('approved');
      case 'remove':
        return msg('removed');
      case 'restore':
        return msg('restored');
      case 'suspend':
        return msg('suspended');
      default:
        return msg('lifted the suspension of');
    }
  },
  until: (date: string) => msg(str`until ${date}`),
  lift: () => msg('Lift'),
  lifted: () => msg('Suspension lifted.'),
  suspendHeading: () => msg('Suspend someone'),
  userId: () => msg('Their id'),
  untilLabel: () => msg('Until'),
  reasonLabel: () => msg('Reason, shown to them'),
  suspend: () => msg('Suspend'),
  suspended: () => msg('Suspended.'),
  suspendAuthor: () => msg('Suspend the author'),
  period: () => msg('For'),
  days: (days: number) => {
    switch (days) {
      case 1:
        return msg('One day');
      case 7:
        return msg('A week');
      default:
        return msg('30 days');
    }
  },
  confirmSuspend: () => msg('Suspend with this reason'),
};
