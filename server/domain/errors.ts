import type { Issue } from '../../api/shared/issue.js';

/** What kind of rule a request broke; the HTTP layers map each kind to one status. */
export type DomainErrorKind =
  'unauthenticated' | 'forbidden' | 'not-found' | 'conflict' | 'invalid';

export type { Issue };

/** A broken rule, raised by the domain and never by storage or transport. */
export class DomainError extends Error {
  override readonly name = 'DomainError';

  constructor(
    readonly kind: DomainErrorKind,
    message: string,
    readonly issues: Issue[] = [],
  ) {
    super(message);
  }

  static invalid(issues: Issue[]): DomainError {
    const message =
      issues.length === 1 ? issues[0]!.detail : `${issues.length} inputs are not valid.`;
    return new DomainError('invalid', message, issues);
  }
}
