/**
 * Notifications: who is told of what, grouping, preferences, the unread counter under
 * concurrent writes — the same cases against every target (test/contract/suites/notifications.ts).
 */
import { notificationsSuite } from './suites/notifications.js';
import { targets } from './targets.js';

for (const factory of targets) notificationsSuite(factory);
