import type { Identity } from '../domain/types.js';

/**
 * The mock cannot verify signatures (it holds no secret), so its tokens are readable
 * claims: `mock.<base64url JSON>`. Never accept these in a real backend.
 */
const PREFIX = 'mock.';

interface MockClaims {
  sub: string;
  name: string;
  avatar: string | null;
  roles: Identity['roles'];
  /** As the host's `verified_subjects` claim: subjects the viewer bought or used. */
  verified_subjects?: string[];
  exp: number;
}

export interface MockTokenOptions {
  /** Seconds until the token expires; negative gives an already expired token. */
  expiresIn?: number;
  now?: () => Date;
}

export function mockToken(identity: Identity, options: MockTokenOptions = {}): string {
  const now = options.now?.() ?? new Date();
  const claims: MockClaims = {
    sub: identity.id,
    name: identity.name,
    avatar: identity.avatar,
    roles: identity.roles,
    ...(identity.verifiedSubjects?.length
      ? { verified_subjects: [...identity.verifiedSubjects] }
      : {}),
    exp: Math.floor(now.getTime() / 1000) + (options.expiresIn ?? 3600),
  };
  return PREFIX + toBase64Url(JSON.stringify(claims));
}

/**
 * The identity behind an `Authorization` header: `null` for none, `undefined` when a token
 * is present but malformed or expired (the caller answers 401).
 */
export function identityFromMockToken(
  authorization: string | null,
  now: Date = new Date(),
): Identity | null | undefined {
  if (!authorization) return null;
  const match = /^Bearer\s+(\S+)$/i.exec(authorization);
  if (!match || !match[1]!.startsWith(PREFIX)) return undefined;
  try {
    const claims = JSON.parse(fromBase64Url(match[1]!.slice(PREFIX.length))) as MockClaims;
    if (typeof claims.sub !== 'string' || typeof claims.exp !== 'number') return undefined;
    if (claims.exp * 1000 <= now.getTime()) return undefined;
    return {
      id: claims.sub,
      name: String(claims.name ?? claims.sub),
      avatar: claims.avatar ?? null,
      roles: Array.isArray(claims.roles) ? claims.roles : [],
      ...(Array.isArray(claims.verified_subjects)
        ? {
            verifiedSubjects: claims.verified_subjects.filter(
              (id): id is string => typeof id === 'string',
            ),
          }
        : {}),
    };
  } catch {
    return undefined;
  }
}

function toBase64Url(text: string): string {
  const bytes = new TextEncoder().encode(text);
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function fromBase64Url(text: string): string {
  const binary = atob(text.replace(/-/g, '+').replace(/_/g, '/'));
  return new TextDecoder().decode(Uint8Array.from(binary, (char) => char.charCodeAt(0)));
}
