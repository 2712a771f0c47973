// A file that cannot be imported, as the HTTP answer it becomes: 400 for a malformed or unsafe file
// (bad encoding, broken zip, `../` paths, invalid JSON), 413 for one too large once unpacked (a zip
// bomb), 415 for a type we do not read. The message is shown to the user as is, so it says what is
// wrong and what to do. It is an HttpError, so the server's error handler answers it without more code.
import { HttpError } from '../http/errors.ts';

export type ImportErrorStatus = 400 | 413 | 415;

export class ImportError extends HttpError {
  declare readonly status: ImportErrorStatus;

  constructor(status: ImportErrorStatus, message: string) {
    super(status, message);
    this.name = 'ImportError';
  }
}

/** Whether a thrown value is an ImportError. */
export const isImportError = (e: unknown): e is ImportError => e instanceof ImportError;
