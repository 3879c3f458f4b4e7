import { msg, str } from './localize.js';

/** What every posting widget shows of moderation under a post (shared/post-actions.ts). */
export const moderationMessages = {
  report: () => msg('Report'),
  moderatorRemove: () => msg('Remove as moderator'),
  restore: () => msg('Restore'),
  held: () => msg('Waiting for review: only you and the moderators see this for now.'),
  hidden: () => msg('Hidden after reports, until a moderator decides.'),
  removed: (reason: string) => msg(str`Removed by a moderator: ${reason}`),
  removedNoReason: () => msg('Removed by a moderator.'),
};
