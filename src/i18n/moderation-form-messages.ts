import { msg, str } from './localize.js';

/** The report form and a moderator's removal (shared/moderation-form.ts, loaded on use). */
export const moderationFormMessages = {
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
  removeReason: () => msg('Reason, shown to its author'),
  confirmRemove: () => msg('Remove it'),
  notDecided: (reason: string) => msg(str`That did not work: ${reason}`),
};
