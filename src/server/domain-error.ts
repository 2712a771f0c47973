// A failure of a server service (the imports first), free of HTTP: what kind of failure it is, its
// problem code and parameters (src/domain/problems.ts) and the English text. The services do not
// know status codes; the error handler (`DOMAIN_STATUS` in http/errors.ts) is the one place that
// turns a kind into one, so the CLI and the routes read the same error (architecture §6).
import { ProblemError, type ProblemInit } from '../domain/problems.ts';

export type FailureKind =
  /** The input cannot be read or is not what was asked for (a malformed file, a bad option). */
  | 'invalid'
  /** The thing asked for does not exist. */
  | 'not_found'
  /** The thing is in a state that forbids the action (an import applied already). */
  | 'conflict'
  /** The input is larger than we accept (a zip bomb). */
  | 'too_large'
  /** A type of input we do not read. */
  | 'unsupported'
  /** Well-formed input the data refuses (a duplicate key, a record outside every district); nothing was changed. */
  | 'rejected';

export class DomainError extends ProblemError {
  constructor(
    readonly kind: FailureKind,
    message: string,
    override readonly problem: ProblemInit,
    /** Members the answer carries besides the problem (e.g. `importStatus`). */
    readonly extra?: Record<string, unknown>,
    /** Field → English message, for `fields` in the answer. */
    readonly fields?: Record<string, string>,
  ) {
    super(problem, message);
    this.name = 'DomainError';
  }
}
