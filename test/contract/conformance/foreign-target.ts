import { execFile } from 'node:child_process';
import type { Identity } from '../../../server/domain/types.js';
import type { Target, TargetFactory } from '../target.js';

/** How the kit reaches a backend it knows only by URL; the runner passes it in the environment. */
export interface ForeignBackend {
  baseUrl: string;
  /** A shell command printing a member's token (see docs/conformance.md for its variables). */
  memberTokenCommand: string;
  /** The same for a moderator; the member command serves when absent. */
  moderatorTokenCommand?: string | undefined;
}

export const ENV = {
  baseUrl: 'CW_CONFORMANCE_BASE_URL',
  memberTokenCommand: 'CW_CONFORMANCE_MEMBER_TOKEN_COMMAND',
  moderatorTokenCommand: 'CW_CONFORMANCE_MODERATOR_TOKEN_COMMAND',
} as const;

/** The suites the kit runs, by name; `--suite` picks some of them. */
export const SUITES = {
  ratings: 'ratings, the viewer and health',
  reviews: 'reviews and helpful votes',
  qa: 'questions and answers',
  ideas: 'idea boards',
  experts: 'profiles, endorsements, experts and invitations',
  moderation: 'reports, holds, decisions, the log and suspensions',
  spaces: 'private spaces: boards and subjects outsiders get 404 for (needs setup)',
  events: 'the event export (NDJSON, resumable cursor; moderators and analysts)',
  notifications: 'notifications, the unread count, mark read and preferences',
  insights: 'insights for moderators and analysts, as JSON and CSV',
} as const;
export type SuiteName = keyof typeof SUITES;
export const SUITES_ENV = 'CW_CONFORMANCE_SUITES';

export function backendFromEnvironment(env = process.env): ForeignBackend {
  const baseUrl = env[ENV.baseUrl];
  const memberTokenCommand = env[ENV.memberTokenCommand];
  if (!baseUrl || !memberTokenCommand) {
    throw new Error(`${ENV.baseUrl} and ${ENV.memberTokenCommand} are required.`);
  }
  return { baseUrl, memberTokenCommand, moderatorTokenCommand: env[ENV.moderatorTokenCommand] };
}

/**
 * Runs a token command for one person. The suites need many people (two raters, forty
 * helpful votes, an author and a moderator), so the command is told who to mint for.
 */
function runTokenCommand(
  command: string,
  identity: Identity,
  expiresIn: number | undefined,
): Promise<string> {
  const env = {
    ...process.env,
    CW_USER_ID: identity.id,
    CW_USER_NAME: identity.name,
    CW_USER_ROLES: identity.roles.join(','),
    CW_VERIFIED_SUBJECTS: (identity.verifiedSubjects ?? []).join(','),
    CW_TOKEN_EXPIRES_IN: String(expiresIn ?? 3600),
  };
  return new Promise((resolve, reject) => {
    execFile('/bin/sh', ['-c', command], { env, timeout: 30_000 }, (error, stdout, stderr) => {
      const token = stdout.trim();
      if (error || token === '') {
        reject(
          new Error(
            `The token command for ${identity.id} failed: ${error?.message ?? 'it printed nothing'} ${stderr}`.trim(),
          ),
        );
      } else resolve(token);
    });
  });
}

/** A backend reached only by its base URL: no domain to set up state with. */
export function foreignTarget(backend: ForeignBackend): TargetFactory {
  return {
    name: backend.baseUrl,
    setup: false,
    async start(): Promise<Target> {
      const tokens = new Map<string, Promise<string>>();
      return {
        baseUrl: backend.baseUrl.replace(/\/+$/, ''),
        tokenFor(identity, { expiresIn } = {}) {
          const command = identity.roles.includes('moderator')
            ? (backend.moderatorTokenCommand ?? backend.memberTokenCommand)
            : backend.memberTokenCommand;
          const key = JSON.stringify([identity, expiresIn]);
          let token = tokens.get(key);
          if (!token) {
            token = runTokenCommand(command, identity, expiresIn);
            tokens.set(key, token);
          }
          return token;
        },
        close: async () => {},
      };
    },
  };
}
