import { msg, str } from './localize.js';
import { counted, formatNumber, isolate } from './locale.js';

/** The sentences of `<cw-inbox>`. */
export const inboxMessages = {
  bell: (locale: string, unread: number) => {
    if (unread === 0) return msg('Notifications, none unread');
    const n = formatNumber(locale, unread);
    return counted(
      'inbox.bell',
      unread,
      str`Notifications, ${n} unread`,
      str`Notifications, ${n} unread`,
    );
  },
  panel: () => msg('Notifications'),
  someone: () => msg('Someone'),
  loading: () => msg('Loading notifications…'),
  loadFailed: () => msg('Your notifications could not be loaded.'),
  countFailed: () => msg('The number of new notifications could not be checked.'),
  retry: () => msg('Try again'),
  empty: () => msg('Nothing new. You will see answers, comments and decisions here.'),
  more: () => msg('Show more notifications'),
  markRead: () => msg('Mark read'),
  markAllRead: () => msg('Mark all read'),
  allRead: () => msg('All notifications are marked read.'),
  unread: () => msg('Unread'),
  answerNow: () => msg('Answer this question'),
  answers: (locale: string, count: number, actor: string, title: string) => {
    if (count === 1) return msg(str`${isolate(actor)} answered ${isolate(title)}`);
    const n = formatNumber(locale, count);
    const t = isolate(title);
    return counted(
      'inbox.answers',
      count,
      str`${n} new answer to ${t}`,
      str`${n} new answers to ${t}`,
    );
  },
  comments: (locale: string, count: number, actor: string, title: string) => {
    if (count === 1) return msg(str`${isolate(actor)} commented on ${isolate(title)}`);
    const n = formatNumber(locale, count);
    const t = isolate(title);
    return counted(
      'inbox.comments',
      count,
      str`${n} new comment on ${t}`,
      str`${n} new comments on ${t}`,
    );
  },
  endorsements: (locale: string, count: number, actor: string, topic: string) => {
    if (count === 1) return msg(str`${isolate(actor)} endorsed you for ${isolate(topic)}`);
    const n = formatNumber(locale, count);
    const t = isolate(topic);
    return counted(
      'inbox.endorsements',
      count,
      str`${n} person endorsed you for ${t}`,
      str`${n} people endorsed you for ${t}`,
    );
  },
  accepted: (actor: string, title: string) =>
    msg(str`${isolate(actor)} accepted your answer to ${isolate(title)}`),
  status: (title: string, status: string) => msg(str`${isolate(title)} is now: ${status}`),
  invitation: (actor: string, title: string) =>
    msg(str`${isolate(actor)} invited you to answer ${isolate(title)}`),
  held: (title: string) => msg(str`Your post ${isolate(title)} waits for a moderator`),
  removed: (title: string, reason: string) =>
    msg(str`A moderator removed your post ${isolate(title)}: ${isolate(reason)}`),
  removedNoReason: (title: string) => msg(str`A moderator removed your post ${isolate(title)}`),
  restored: (title: string) => msg(str`A moderator restored your post ${isolate(title)}`),
  ideaStatus: (status: string | null) => {
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
};
