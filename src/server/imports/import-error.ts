// A file that cannot be imported, as the HTTP answer it becomes: 400 for a malformed or unsafe file
// (bad encoding, broken zip, `../` paths, invalid JSON), 413 for one too large once unpacked (a zip
// bomb), 415 for a type we do not read. The message is shown to the user as is, so it says what is
// wrong and what to do. It is an HttpError, so the server's error handler answers it without more code.
// Each carries its problem code and parameters (src/domain/problems.ts), so the app words it.
import type { Problem, ProblemFile } from '../../domain/problems.ts';
import { HttpError } from '../http/errors.ts';

export type ImportErrorStatus = 400 | 413 | 415;

export class ImportError extends HttpError {
  declare readonly status: ImportErrorStatus;

  constructor(status: ImportErrorStatus, message: string, problem?: Problem) {
    super(status, message, undefined, undefined, problem);
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
