import { msg, str } from './localize.js';

/** What every posting widget says about reporting and moderating a post (post-actions.ts). */
export const moderationMessages = {
  report: () => msg('Report'),
  reportLegend: () => msg('Why are you reporting this?'),
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
  reportNote: () => msg('Anything the moderators should know (optional)'),
  sendReport: () => msg('Send report'),
  cancel: () => msg('Cancel'),
  reported: () =>
    msg(
      'Thank you. The moderators will look at it; if several people report it, it is hidden until they decide.',
    ),
  reportedHidden: () => msg('Thank you. It is hidden now, until a moderator decides.'),
  notReported: (reason: string) => msg(str`The report was not sent: ${reason}`),
  moderatorRemove: () => msg('Remove as moderator'),
  removeReason: () => msg('Reason, shown to its author'),
  confirmRemove: () => msg('Remove it'),
  restore: () => msg('Restore'),
  notDecided: (reason: string) => msg(str`That did not work: ${reason}`),
  held: () => msg('Waiting for review: only you and the moderators see this for now.'),
  hidden: () => msg('Hidden after reports, until a moderator decides.'),
  removed: (reason: string) => msg(str`Removed by a moderator: ${reason}`),
  removedNoReason: () => msg('Removed by a moderator.'),
};
