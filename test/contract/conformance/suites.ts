/**
 * The conformance kit's test file: every contract suite against the backend the runner
 * names in the environment. The runner starts it with node's test runner.
 */
import { expertsSuite } from '../suites/experts.js';
import { ideasSuite } from '../suites/ideas.js';
import { eventsSuite } from '../suites/events.js';
import { insightsSuite } from '../suites/insights.js';
import { moderationSuite } from '../suites/moderation.js';
import { notificationsSuite } from '../suites/notifications.js';
import { qaSuite } from '../suites/qa.js';
import { ratingsSuite } from '../suites/ratings.js';
import { reviewsSuite } from '../suites/reviews.js';
import { spacesSuite } from '../suites/spaces.js';
import { backendFromEnvironment, foreignTarget, SUITES, SUITES_ENV } from './foreign-target.js';

const factory = foreignTarget(backendFromEnvironment());
const chosen = process.env[SUITES_ENV]?.split(',') ?? Object.keys(SUITES);
for (const [name, suite] of Object.entries({
  ratings: ratingsSuite,
  reviews: reviewsSuite,
  qa: qaSuite,
  ideas: ideasSuite,
  experts: expertsSuite,
  moderation: moderationSuite,
  spaces: spacesSuite,
  events: eventsSuite,
  notifications: notificationsSuite,
  insights: insightsSuite,
})) {
  if (chosen.includes(name)) suite(factory);
}
