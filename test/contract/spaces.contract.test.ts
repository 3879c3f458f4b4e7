/**
 * Private spaces: an employees-only board and subject family answer outsiders as missing
 * things do, on every read and write: the same cases against every target
 * (test/contract/suites/spaces.ts).
 */
import { spacesSuite } from './suites/spaces.js';
import { targets } from './targets.js';

for (const factory of targets) spacesSuite(factory);
