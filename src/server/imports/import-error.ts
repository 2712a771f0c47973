// A file that cannot be imported: malformed or unsafe (bad encoding, broken zip, `../` paths, invalid
// JSON), too large once unpacked (a zip bomb), or of a type we do not read. The message is shown to
// the user as is, so it says what is wrong and what to do. It is a DomainError: the error handler
// answers it (400, 413, 415) and the CLI prints it, and each carries its problem code and parameters
// (src/domain/problems.ts), so the app words it.
import type { Problem, ProblemFile } from '../../domain/problems.ts';
import { DomainError } from '../domain-error.ts';

export type ImportErrorKind = 'invalid' | 'too_large' | 'unsupported';

export class ImportError extends DomainError {
  declare readonly kind: ImportErrorKind;

  constructor(kind: ImportErrorKind, message: string, problem: Problem) {
    super(kind, message, problem);
    this.name = 'ImportError';
  }
}

/** Which file a reader's "what" ("The CSV file", "The .prj file", …) is about, for a problem's `file`. */
export function fileOf(what: string): ProblemFile {
  const w = what.toLowerCase();
  return w.includes('csv') ? 'csv' : w.includes('geojson') ? 'geojson' : w.includes('xlsx') ? 'xlsx' : w.includes('.prj') ? 'prj' : w.includes('.dbf') || w.includes('dbase') ? 'dbf' : w.includes('zip') ? 'zip' : 'file';
}

/** Whether a thrown value is an ImportError. */
export const isImportError = (e: unknown): e is ImportError => e instanceof ImportError;
