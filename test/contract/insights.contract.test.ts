/**
 * Insights: every figure equals the same figure computed from the raw rows of a seeded
 * history, against every target (test/contract/suites/insights.ts).
 */
import { insightsSuite } from './suites/insights.js';
import { targets } from './targets.js';

for (const factory of targets) insightsSuite(factory);
