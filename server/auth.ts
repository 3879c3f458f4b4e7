import {
  SignJWT,
  createRemoteJWKSet,
  decodeJwt,
  errors as joseErrors,
  jwtVerify,
  type JWTPayload,
  type JWTVerifyGetKey,
} from 'jose';
import { MAX_VERIFIED_SUBJECTS } from './domain/review-rules.js';
import type { Identity, Role } from './domain/types.js';
import { SUBJECT_ID_PATTERN } from './domain/validate.js';

/** Seconds a token may be past `exp` (or before `nbf`) to absorb clock drift between hosts. */
export const CLOCK_TOLERANCE_SECONDS = 30;
const KNOWN_ROLES: ReadonlySet<Role> = new Set<Role>(['member', 'employee', 'moderator', 'analyst']);
const MAX_SUB_LENGTH = 256;
const MAX_NAME_LENGTH = 200;
/** Verified tokens remembered, so a page's many requests verify its token once. */
const VERIFIED_CACHE_SIZE = 10_000;
/** Default longest token lifetime (`exp - iat`) a server accepts: 24 hours. */
export const DEFAULT_MAX_TOKEN_LIFETIME_SECONDS = 24 * 60 * 60;
/**
 * Dev-persona tokens name their own issuer and audience, whatever the server's `jwt.issuer`
 * and `jwt.audience`: a server with dev personas off refuses them even when it shares the
 * secret, and a server with them on can tell them from the host's tokens.
 */
export const DEV_TOKEN_ISSUER = 'community-widgets-dev';
export const DEV_TOKEN_AUDIENCE = 'community-widgets-dev';
/** Seconds a client is told to wait when the identity provider's keys cannot be fetched. */
export const KEYS_UNAVAILABLE_RETRY_SECONDS = 10;

export interface AuthOptions {
  secret: string | null;
  jwksUrl: string | null;
  issuer: string | null;
  audience: string;
  /** Longest `exp - iat` (or `exp - now` without `iat`) accepted, in seconds. */
  maxLifetimeSeconds?: number;
  /** Accept dev-persona tokens (their own issuer and audience, HS256). */
  devTokens?: boolean;
}

/** A bearer token was sent but cannot be trusted; the server answers 401. */
export class InvalidTokenError extends Error {
  override readonly name = 'InvalidTokenError';
}

/**
 * The identity provider's keys (JWKS) could not be fetched: the token may well be good, so
 * this is the service being unavailable (503 with Retry-After), not the viewer's session.
 */
export class KeysUnavailableError extends Error {
  override readonly name = 'KeysUnavailableError';
  readonly retryAfter = KEYS_UNAVAILABLE_RETRY_SECONDS;
}

/**
 * Turns the `Authorization` header into an identity. HS256 tokens are checked only against
 * the shared secret and RS256/ES256 tokens only against the JWKS, so a public key can
 * never be used as an HMAC secret; `alg: none` is never in the allowlist.
 */
export class TokenVerifier {
  private readonly algorithms: string[];
  private readonly getKey: JWTVerifyGetKey;
  /** Token → identity until the token expires; Map order makes it least-recently-added first. */
  private readonly verified = new Map<string, { identity: Identity; expiresAtMs: number }>();

  constructor(private readonly options: AuthOptions) {
    const secret = options.secret === null ? null : new TextEncoder().encode(options.secret);
    const jwks = options.jwksUrl === null ? null : createRemoteJWKSet(new URL(options.jwksUrl));
    this.algorithms = [...(secret ? ['HS256'] : []), ...(jwks ? ['RS256', 'ES256'] : [])];
    this.getKey = async (header, token) => {
      if (header.alg === 'HS256' && secret) return secret;
      if (jwks && header.alg !== 'HS256') {
        try {
          return await jwks(header, token);
        } catch (error) {
          // The key set answered and has no key for this token: the token is the problem.
          if (
            error instanceof joseErrors.JWKSNoMatchingKey ||
            error instanceof joseErrors.JWKSMultipleMatchingKeys
          ) {
            throw error;
          }
          throw new KeysUnavailableError('The identity provider does not answer.', {
            cause: error,
          });
        }
      }
      throw new InvalidTokenError('No key for this token.');
    };
  }

  /**
   * The identity `identify` would answer, when knowing it takes no verification: `null`
   * without a header, the identity of a token verified before and not yet expired.
   * `undefined` when only `identify` can tell (a new token, or one to refuse).
   */
  known(authorization: string | undefined): Identity | null | undefined {
    if (authorization === undefined || authorization === '') return null;
    // The usual header first, without the full pattern: every remembered token matched it
    // when it was verified, so finding the rest of the header among them is proof enough.
    let remembered = authorization.startsWith('Bearer ')
      ? this.verified.get(authorization.slice(7))
      : undefined;
    if (remembered === undefined) {
      const token = bearerToken(authorization);
      if (token === undefined) return undefined;
      remembered = this.verified.get(token);
    }
    return remembered && remembered.expiresAtMs > Date.now() ? remembered.identity : undefined;
  }

  /** `null` without a header (anonymous); throws InvalidTokenError for anything untrusted. */
  async identify(authorization: string | undefined): Promise<Identity | null> {
    if (authorization === undefined || authorization === '') return null;
    const token = bearerToken(authorization);
    if (token === undefined) {
      throw new InvalidTokenError('Send the token as "Authorization: Bearer <token>".');
    }
    if (this.algorithms.length === 0) {
      throw new InvalidTokenError('This server is not configured to accept tokens.');
    }
    const remembered = this.verified.get(token);
    if (remembered && remembered.expiresAtMs > Date.now()) return remembered.identity;
    const dev = this.#isDevToken(token);
    if (dev && !this.options.devTokens) {
      throw new InvalidTokenError('Development tokens are not accepted by this server.');
    }
    let payload: JWTPayload;
    try {
      ({ payload } = await jwtVerify(token, this.getKey, {
        ...(dev
          ? { algorithms: ['HS256'], audience: DEV_TOKEN_AUDIENCE, issuer: DEV_TOKEN_ISSUER }
          : {
              algorithms: this.algorithms,
              audience: this.options.audience,
              ...(this.options.issuer !== null ? { issuer: this.options.issuer } : {}),
            }),
        clockTolerance: CLOCK_TOLERANCE_SECONDS,
        requiredClaims: ['sub', 'exp'],
      }));
    } catch (error) {
      if (error instanceof KeysUnavailableError) throw error;
      if (error instanceof joseErrors.JWTExpired)
        throw new InvalidTokenError('The token has expired.');
      throw new InvalidTokenError('The token is not valid.');
    }
    this.#checkLifetime(payload);
    const identity = identityFromClaims(payload);
    this.remember(token, identity, (payload.exp! + CLOCK_TOLERANCE_SECONDS) * 1000);
    return identity;
  }

  /** Whether the token claims to be a dev-persona token (checked before its signature). */
  #isDevToken(token: string): boolean {
    let claims: JWTPayload;
    try {
      claims = decodeJwt(token);
    } catch {
      throw new InvalidTokenError('The token is not valid.');
    }
    const audiences = Array.isArray(claims.aud) ? claims.aud : [claims.aud];
    return claims.iss === DEV_TOKEN_ISSUER || audiences.includes(DEV_TOKEN_AUDIENCE);
  }

  /**
   * A token that lives for years is a leaked credential waiting to happen, and one issued in
   * the future was minted by a clock (or a hand) that cannot be trusted.
   */
  #checkLifetime(payload: JWTPayload): void {
    const now = Math.floor(Date.now() / 1000);
    const max = this.options.maxLifetimeSeconds ?? DEFAULT_MAX_TOKEN_LIFETIME_SECONDS;
    const { iat, exp } = payload;
    if (iat !== undefined && iat > now + CLOCK_TOLERANCE_SECONDS) {
      throw new InvalidTokenError('The token was issued in the future.');
    }
    if (exp! - (iat ?? now) > max) {
      throw new InvalidTokenError(`The token lives longer than this server accepts (${max} s).`);
    }
  }

  private remember(token: string, identity: Identity, expiresAtMs: number): void {
    this.verified.delete(token);
    if (this.verified.size >= VERIFIED_CACHE_SIZE) {
      this.verified.delete(this.verified.keys().next().value!);
    }
    this.verified.set(token, { identity, expiresAtMs });
  }
}

function bearerToken(authorization: string): string | undefined {
  return /^Bearer[ \t]+([A-Za-z0-9._~+/-]+=*)[ \t]*$/i.exec(authorization)?.[1];
}

/** Reads our claims defensively: unknown roles are dropped, odd values fall back to safe ones. */
export function identityFromClaims(claims: JWTPayload): Identity {
  const sub = claims.sub;
  if (typeof sub !== 'string' || sub === '' || sub.length > MAX_SUB_LENGTH) {
    throw new InvalidTokenError('The token has no usable subject.');
  }
  const name =
    typeof claims.name === 'string' && claims.name.trim() !== ''
      ? claims.name.slice(0, MAX_NAME_LENGTH)
      : sub;
  const avatar =
    typeof claims.avatar === 'string' && isHttpsUrl(claims.avatar) ? claims.avatar : null;
  const roles = Array.isArray(claims.roles)
    ? [...new Set(claims.roles.filter((role): role is Role => KNOWN_ROLES.has(role as Role)))]
    : [];
  const verifiedSubjects = verifiedSubjectsClaim(claims.verified_subjects);
  return { id: sub, name, avatar, roles, ...(verifiedSubjects.length ? { verifiedSubjects } : {}) };
}

/**
 * The host's `verified_subjects` claim: subject ids the viewer bought or used. Only valid ids
 * are kept, at most `MAX_VERIFIED_SUBJECTS`; anything else in the claim is ignored.
 */
export function verifiedSubjectsClaim(claim: unknown): string[] {
  if (!Array.isArray(claim)) return [];
  const ids = claim.filter(
    (id): id is string => typeof id === 'string' && SUBJECT_ID_PATTERN.test(id),
  );
  return [...new Set(ids)].slice(0, MAX_VERIFIED_SUBJECTS);
}

function isHttpsUrl(text: string): boolean {
  try {
    return new URL(text).protocol === 'https:';
  } catch {
    return false;
  }
}

export interface MintOptions {
  secret: string;
  audience: string;
  issuer: string | null;
  /** Seconds from now; negative mints an expired token (tests). */
  expiresIn: number;
  now?: Date;
}

/** Signs an HS256 token for `identity`, as a host's backend would (dev personas, tests, bench). */
export async function mintToken(identity: Identity, options: MintOptions): Promise<string> {
  const issuedAt = Math.floor((options.now ?? new Date()).getTime() / 1000);
  const jwt = new SignJWT({
    name: identity.name,
    ...(identity.avatar ? { avatar: identity.avatar } : {}),
    roles: identity.roles,
    ...(identity.verifiedSubjects?.length
      ? { verified_subjects: [...identity.verifiedSubjects] }
      : {}),
  })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setSubject(identity.id)
    .setAudience(options.audience)
    .setIssuedAt(issuedAt)
    .setExpirationTime(issuedAt + options.expiresIn);
  if (options.issuer !== null) jwt.setIssuer(options.issuer);
  return jwt.sign(new TextEncoder().encode(options.secret));
}
