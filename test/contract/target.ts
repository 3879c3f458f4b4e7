import type { Community } from '../../server/domain/community.js';
import type { Identity } from '../../server/domain/types.js';

/** One backend answering the contract, as the contract suites see it. */
export interface Target {
  /** The API base URL, without a trailing slash. */
  baseUrl: string;
  /** A token this backend trusts for `identity`; negative `expiresIn` gives an expired one. */
  tokenFor(identity: Identity, options?: { expiresIn?: number }): Promise<string>;
  /**
   * The domain behind it, for what the API cannot do (creating idea boards); absent for a
   * backend reached only by its base URL.
   */
  community?: Community;
  close(): Promise<void>;
}

export interface TargetFactory {
  name: string;
  /** Whether its targets have `community`: tests that need it are skipped without. */
  setup: boolean;
  /** Why the suites do not run against this target here (e.g. no Postgres on this machine). */
  skip?: string | false;
  start(): Promise<Target>;
}

/** The skip reason of tests that set up state the API has no operation for. */
export const NOT_TESTABLE_WITHOUT_SETUP = 'not testable without setup';

/** `it`/`describe` options that skip a test when its factory cannot set up state. */
export function needsSetup(factory: TargetFactory): { skip: false | string } {
  return { skip: factory.skip || (factory.setup ? false : NOT_TESTABLE_WITHOUT_SETUP) };
}

/** `describe` options that skip a whole suite when its target cannot run here. */
export function unlessSkipped(factory: TargetFactory): { skip: false | string } {
  return { skip: factory.skip || false };
}

/** The domain behind a target, for a test that `needsSetup`. */
export function setupOf(target: Target): Community {
  if (!target.community) throw new Error(`${NOT_TESTABLE_WITHOUT_SETUP}: no domain to reach`);
  return target.community;
}
