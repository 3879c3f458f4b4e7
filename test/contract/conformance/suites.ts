/**
 * The conformance kit's test file: every contract suite against the backend the runner
 * names in the environment. The runner starts it with node's test runner.
 */
import { expertsSuite } from '../suites/experts.js';
import { ideasSuite } from '../suites/ideas.js';
import { qaSuite } from '../suites/qa.js';
import { ratingsSuite } from '../suites/ratings.js';
import { reviewsSuite } from '../suites/reviews.js';
import { backendFromEnvironment, foreignTarget } from './foreign-target.js';

const factory = foreignTarget(backendFromEnvironment());
for (const suite of [ratingsSuite, reviewsSuite, qaSuite, ideasSuite, expertsSuite]) {
  suite(factory);
}
