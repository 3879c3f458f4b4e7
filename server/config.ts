import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { DEFAULT_REPUTATION_WEIGHTS, type ReputationWeights } from './domain/expert-rules.js';
import { accessPolicy, type AccessPolicy } from './domain/access-rules.js';
import { DomainError } from './domain/errors.js';
import { parseBoardInput, type BoardInput } from './domain/ideas.js';
import { checkoutRoot } from './paths.js';
import {
  DEFAULT_MODERATION_POLICY,
  moderationPolicy,
  type ModerationPolicy,
} from './domain/moderation-rules.js';
import {
  DEFAULT_MAX_TOKEN_LIFETIME_SECONDS,
  DEV_TOKEN_AUDIENCE,
  DEV_TOKEN_ISSUER,
} from './auth.js';
import type { SqliteSynchronous } from './store/sqlite.js';
import {
  DEFAULT_DELIVERY_POLICY,
  eventPatternProblem,
  type DeliveryPolicy,
  type WebhookEndpoint,
} from './domain/webhook-rules.js';
import { MIN_KEY_BYTES, secretKey } from './webhooks/signature.js';

/** Everything the reference server can be told; documented in docs/server.md. */
export interface ServerConfig {
  port: number;
  host: string;
  /** Directory of the SQLite database. */
  dataDir: string;
  sqliteSynchronous: SqliteSynchronous;
  /**
   * `postgres://…` selects the Postgres store (several instances may share it); null keeps
   * the embedded SQLite store in `dataDir`.
   */
  databaseUrl: string | null;
  /** `redis://…`: rate limits counted in Redis, shared by every instance. */
  redisUrl: string | null;
  /** Origins (scheme://host[:port]) whose pages may call the API from a browser; `*` for any. */
  allowedOrigins: string[];
  jwt: {
    /** HS256 shared secret, at least 32 characters. */
    secret: string | null;
    /** JWKS URL for RS256/ES256 tokens. */
    jwksUrl: string | null;
    /** Required `iss` claim, checked when set. */
    issuer: string | null;
    /** Required `aud` claim. */
    audience: string;
    /** Longest token lifetime accepted, seconds (`exp - iat`, or `exp - now` without `iat`). */
    maxLifetimeSeconds: number;
  };
  rateLimit: {
    readsPerMinute: number;
    writesPerMinute: number;
  };
  /** Mint demo tokens at POST /api/dev/token for the seeded personas. Never in production. */
  devPersonas: boolean;
  /** Seed demo products with ratings when the database is created. */
  seed: boolean;
  /** Static demo pages served at `/` (default: the project's demo/); null to serve none. */
  demoDir: string | null;
  /** Built browser bundle served at `/cdn/` (default: the project's dist/cdn/); null for none. */
  cdnDir: string | null;
  /** Trust X-Forwarded-For from a reverse proxy for client IPs (rate limits, logs). */
  trustProxy: boolean;
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  /**
   * The site's idea boards, set to these values at every start (created when missing);
   * moderators may change them through the API until the next start. File only.
   */
  boards: BoardInput[];
  /** Reputation weights replacing the defaults (ADR 007). File only. */
  reputation: Partial<ReputationWeights>;
  /** Report threshold and posting rules for the site, with `scopes` per subject or board. */
  moderation: ModerationPolicy;
  /**
   * Private spaces: `board:<id>`, `subject:<id>` or `subject:<prefix>*` → the roles that may
   * read and write there (moderators always may). File only.
   */
  access: AccessPolicy;
  /** The host's webhook endpoints and the events each wants (docs/webhooks.md). File only. */
  webhooks: WebhookEndpoint[];
  /** How webhook deliveries are retried, timed out and pruned. File only. */
  webhookDelivery: DeliveryPolicy;
}

export const MIN_SECRET_LENGTH = 32;

export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}

export function defaultConfig(): ServerConfig {
  const checkout = checkoutRoot();
  return {
    port: 8787,
    host: '127.0.0.1',
    dataDir: './data',
    sqliteSynchronous: 'NORMAL',
    databaseUrl: null,
    redisUrl: null,
    allowedOrigins: [],
    jwt: {
      secret: null,
      jwksUrl: null,
      issuer: null,
      audience: 'community-widgets',
      maxLifetimeSeconds: DEFAULT_MAX_TOKEN_LIFETIME_SECONDS,
    },
    rateLimit: { readsPerMinute: 600, writesPerMinute: 60 },
    devPersonas: false,
    seed: false,
    // The checkout's own demo pages and browser bundle, so `npm start` needs no configuration;
    // the installed package serves only the API unless told where they are.
    demoDir: checkout === null ? null : join(checkout, 'demo'),
    cdnDir: checkout === null ? null : join(checkout, 'dist', 'cdn'),
    trustProxy: false,
    logLevel: 'info',
    boards: [],
    reputation: {},
    moderation: { ...DEFAULT_MODERATION_POLICY, scopes: {} },
    access: {},
    webhooks: [],
    webhookDelivery: { ...DEFAULT_DELIVERY_POLICY },
  };
}

type Env = Record<string, string | undefined>;

/**
 * Defaults, then the JSON file named by `CW_CONFIG`, then environment variables, each
 * overriding the one before. Throws ConfigError for anything unusable or unsafe.
 */
export function loadConfig(env: Env = process.env): ServerConfig {
  let config = defaultConfig();
  if (env.CW_CONFIG) config = merge(config, readConfigFile(env.CW_CONFIG));
  config = merge(config, fromEnv(env));
  validate(config, env.NODE_ENV === 'production');
  return config;
}

/** Checks a complete config; also used by tests and the bench that build one in code. */
export function validate(config: ServerConfig, production: boolean): void {
  const problems: string[] = [];
  if (!Number.isInteger(config.port) || config.port < 0 || config.port > 65535) {
    problems.push(`port must be an integer from 0 to 65535 (got ${config.port}).`);
  }
  if (!['NORMAL', 'FULL'].includes(config.sqliteSynchronous)) {
    problems.push('sqliteSynchronous must be NORMAL or FULL.');
  }
  if (config.databaseUrl !== null && !/^postgres(ql)?:\/\/\S+$/.test(config.databaseUrl)) {
    problems.push('databaseUrl must be a postgres:// URL.');
  }
  if (config.redisUrl !== null && !/^rediss?:\/\/\S+$/.test(config.redisUrl)) {
    problems.push('redisUrl must be a redis:// or rediss:// URL.');
  }
  for (const origin of config.allowedOrigins) {
    if (origin !== '*' && !/^https?:\/\/[^/\s]+$/.test(origin)) {
      problems.push(`allowedOrigins: "${origin}" is not an origin like https://shop.example.`);
    }
  }
  if (config.jwt.secret !== null && config.jwt.secret.length < MIN_SECRET_LENGTH) {
    problems.push(`jwt.secret must have at least ${MIN_SECRET_LENGTH} characters.`);
  }
  if (config.jwt.jwksUrl !== null && !/^https?:\/\//.test(config.jwt.jwksUrl)) {
    problems.push('jwt.jwksUrl must be an http(s) URL.');
  }
  if (!Number.isInteger(config.jwt.maxLifetimeSeconds) || config.jwt.maxLifetimeSeconds < 60) {
    problems.push('jwt.maxLifetimeSeconds must be a whole number of seconds, at least 60.');
  }
  if (config.jwt.issuer === DEV_TOKEN_ISSUER || config.jwt.audience === DEV_TOKEN_AUDIENCE) {
    problems.push(
      `jwt.issuer and jwt.audience may not be "${DEV_TOKEN_ISSUER}": dev tokens use it.`,
    );
  }
  for (const [name, value] of Object.entries(config.rateLimit)) {
    if (!Number.isInteger(value) || value < 1) problems.push(`rateLimit.${name} must be ≥ 1.`);
  }
  problems.push(...boardProblems(config.boards), ...reputationProblems(config.reputation));
  problems.push(...webhookProblems(config.webhooks), ...deliveryProblems(config.webhookDelivery));
  try {
    moderationPolicy(config.moderation);
  } catch (error) {
    problems.push((error as Error).message);
  }
  try {
    accessPolicy(config.access);
  } catch (error) {
    problems.push(...(error as Error).message.split('\n'));
  }
  if (production) {
    if (config.devPersonas) {
      problems.push('devPersonas mints tokens for anyone and is refused in production.');
    }
    if (config.jwt.secret === null && config.jwt.jwksUrl === null) {
      problems.push('production needs jwt.secret (CW_JWT_SECRET) or jwt.jwksUrl (CW_JWKS_URL).');
    }
    // Without an issuer, any token signed with the secret passes, whoever minted it for
    // whatever purpose; with a JWKS, the keys are the identity provider's own.
    if (config.jwt.issuer === null && config.jwt.jwksUrl === null) {
      problems.push(
        'production needs jwt.issuer (CW_JWT_ISSUER), the iss your identity provider puts in its tokens, or jwt.jwksUrl (CW_JWKS_URL).',
      );
    }
  }
  if (problems.length > 0)
    throw new ConfigError(`Invalid configuration:\n- ${problems.join('\n- ')}`);
}

/** Each broken board field as a sentence naming the board, by the domain's own rules. */
function boardProblems(boards: unknown): string[] {
  if (!Array.isArray(boards)) return ['boards must be a list of boards.'];
  const problems: string[] = [];
  const seen = new Set<string>();
  boards.forEach((entry: unknown, index) => {
    const { id, ...settings } = (isRecord(entry) ? entry : {}) as Record<string, unknown>;
    const name = typeof id === 'string' ? `boards[${index}] "${id}"` : `boards[${index}]`;
    if (typeof id !== 'string') {
      problems.push(`${name}: a board needs an id.`);
      return;
    }
    if (seen.has(id)) problems.push(`${name}: the id is declared twice.`);
    seen.add(id);
    try {
      parseBoardInput(id, { voteBudget: null, posting: 'members', ...settings });
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      for (const issue of error.issues) problems.push(`${name}${issue.pointer}: ${issue.detail}`);
    }
  });
  return problems;
}

/** Each broken endpoint field as a sentence naming the endpoint. */
function webhookProblems(endpoints: unknown): string[] {
  if (!Array.isArray(endpoints)) return ['webhooks must be a list of endpoints.'];
  const problems: string[] = [];
  const seen = new Set<string>();
  endpoints.forEach((entry: unknown, index) => {
    const { id, url, secret, events, ...rest } = (isRecord(entry) ? entry : {}) as Record<
      string,
      unknown
    >;
    const name = typeof id === 'string' ? `webhooks[${index}] "${id}"` : `webhooks[${index}]`;
    if (typeof id !== 'string' || !/^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/.test(id)) {
      problems.push(
        `${name}: an endpoint needs an id of 1–64 letters, digits, dots, dashes or underscores.`,
      );
    } else if (seen.has(id)) {
      problems.push(`${name}: the id is declared twice.`);
    }
    if (typeof id === 'string') seen.add(id);
    let parsed: URL | null = null;
    try {
      parsed = typeof url === 'string' ? new URL(url) : null;
    } catch {
      parsed = null;
    }
    if (parsed === null || !['http:', 'https:'].includes(parsed.protocol)) {
      problems.push(`${name}: url must be an http(s) URL.`);
    }
    const key = typeof secret === 'string' ? secretKey(secret) : null;
    if (key === null || key.length < MIN_KEY_BYTES) {
      problems.push(
        `${name}: secret must be whsec_ followed by the base64 of at least ${MIN_KEY_BYTES} random bytes (node -e "console.log('whsec_' + crypto.randomBytes(32).toString('base64'))").`,
      );
    }
    if (!Array.isArray(events) || events.length === 0) {
      problems.push(`${name}: events must list event types, families like "idea.*", or "*".`);
    } else {
      for (const pattern of events) {
        const problem =
          typeof pattern === 'string' ? eventPatternProblem(pattern) : 'an event must be a string.';
        if (problem !== null) problems.push(`${name}: ${problem}`);
      }
    }
    const unknown = Object.keys(rest);
    if (unknown.length > 0) {
      problems.push(
        `${name}: unknown keys ${unknown.join(', ')} (known: id, url, secret, events).`,
      );
    }
  });
  return problems;
}

function deliveryProblems(policy: unknown): string[] {
  if (!isRecord(policy)) return ['webhookDelivery must be an object of settings.'];
  const problems: string[] = [];
  const whole = (name: string, min: number, max: number) => {
    const value = policy[name];
    if (!Number.isInteger(value) || (value as number) < min || (value as number) > max) {
      problems.push(`webhookDelivery.${name} must be a whole number from ${min} to ${max}.`);
    }
  };
  whole('maxAttempts', 1, 100);
  whole('backoffBaseMs', 1, 24 * 60 * 60_000);
  whole('backoffCapMs', 1, 7 * 24 * 60 * 60_000);
  whole('timeoutMs', 100, 120_000);
  if (
    Number.isInteger(policy.backoffBaseMs) &&
    Number.isInteger(policy.backoffCapMs) &&
    (policy.backoffCapMs as number) < (policy.backoffBaseMs as number)
  ) {
    problems.push('webhookDelivery.backoffCapMs must be at least backoffBaseMs.');
  }
  if (
    policy.retentionDays !== null &&
    (!Number.isInteger(policy.retentionDays) || (policy.retentionDays as number) < 1)
  ) {
    problems.push('webhookDelivery.retentionDays must be a whole number of days ≥ 1, or null.');
  }
  const unknown = Object.keys(policy).filter((key) => !(key in DEFAULT_DELIVERY_POLICY));
  if (unknown.length > 0) {
    problems.push(
      `webhookDelivery: unknown keys ${unknown.join(', ')} (known: ${Object.keys(DEFAULT_DELIVERY_POLICY).join(', ')}).`,
    );
  }
  return problems;
}

function reputationProblems(weights: unknown): string[] {
  if (!isRecord(weights)) return ['reputation must be an object of weights.'];
  return Object.entries(weights).flatMap(([name, value]) =>
    !(name in DEFAULT_REPUTATION_WEIGHTS)
      ? [
          `reputation.${name} is not a weight (known: ${Object.keys(DEFAULT_REPUTATION_WEIGHTS).join(', ')}).`,
        ]
      : !Number.isInteger(value)
        ? [`reputation.${name} must be a whole number of points.`]
        : [],
  );
}

function readConfigFile(path: string): DeepPartial<ServerConfig> {
  let text: string;
  try {
    text = readFileSync(resolve(path), 'utf8');
  } catch (error) {
    throw new ConfigError(`Cannot read CW_CONFIG file ${path}: ${(error as Error).message}`);
  }
  try {
    const parsed: unknown = JSON.parse(text);
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
      throw new Error('the file must hold a JSON object');
    }
    // A misspelt key would otherwise be ignored silently and leave a default in force.
    const known = new Set(Object.keys(defaultConfig()));
    const unknown = Object.keys(parsed).filter((key) => !known.has(key));
    if (unknown.length > 0) throw new Error(`unknown keys ${unknown.join(', ')}`);
    return parsed as DeepPartial<ServerConfig>;
  } catch (error) {
    throw new ConfigError(`CW_CONFIG file ${path} is not valid: ${(error as Error).message}`);
  }
}

function fromEnv(env: Env): DeepPartial<ServerConfig> {
  const text = (name: string) =>
    env[name] === undefined || env[name] === '' ? undefined : env[name];
  const number = (name: string) => {
    const value = text(name);
    if (value === undefined) return undefined;
    const parsed = Number(value);
    if (!Number.isFinite(parsed))
      throw new ConfigError(`${name} must be a number (got "${value}").`);
    return parsed;
  };
  const flag = (name: string) => {
    const value = text(name);
    if (value === undefined) return undefined;
    if (/^(1|true|yes|on)$/i.test(value)) return true;
    if (/^(0|false|no|off)$/i.test(value)) return false;
    throw new ConfigError(`${name} must be 1 or 0 (got "${value}").`);
  };
  const list = (name: string) =>
    text(name)
      ?.split(',')
      .map((item) => item.trim())
      .filter(Boolean);
  return {
    port: number('CW_PORT') ?? number('PORT'),
    host: text('CW_HOST'),
    dataDir: text('CW_DATA_DIR'),
    sqliteSynchronous: text('CW_SQLITE_SYNCHRONOUS')?.toUpperCase() as SqliteSynchronous,
    databaseUrl: text('CW_DATABASE_URL'),
    redisUrl: text('CW_REDIS_URL'),
    allowedOrigins: list('CW_ALLOWED_ORIGINS'),
    jwt: {
      secret: text('CW_JWT_SECRET'),
      jwksUrl: text('CW_JWKS_URL'),
      issuer: text('CW_JWT_ISSUER'),
      audience: text('CW_JWT_AUDIENCE'),
      maxLifetimeSeconds: number('CW_JWT_MAX_LIFETIME'),
    },
    rateLimit: {
      readsPerMinute: number('CW_RATE_LIMIT_READS'),
      writesPerMinute: number('CW_RATE_LIMIT_WRITES'),
    },
    devPersonas: flag('CW_DEV_PERSONAS'),
    seed: flag('CW_SEED'),
    // Set but empty means "serve none".
    demoDir: env.CW_DEMO_DIR === '' ? null : text('CW_DEMO_DIR'),
    cdnDir: env.CW_CDN_DIR === '' ? null : text('CW_CDN_DIR'),
    trustProxy: flag('CW_TRUST_PROXY'),
    logLevel: text('CW_LOG_LEVEL') as ServerConfig['logLevel'],
  };
}

type DeepPartial<T> = {
  [K in keyof T]?: T[K] extends object ? DeepPartial<T[K]> | undefined : T[K] | undefined;
};

/** Overrides `base` with every defined value of `override`, one level into nested objects. */
function merge(base: ServerConfig, override: DeepPartial<ServerConfig>): ServerConfig {
  const result: Record<string, unknown> = { ...base };
  for (const [key, value] of Object.entries(override)) {
    if (value === undefined) continue;
    const current = result[key];
    if (isRecord(current) && isRecord(value)) {
      result[key] = {
        ...current,
        ...Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)),
      };
    } else {
      result[key] = value;
    }
  }
  return result as unknown as ServerConfig;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
