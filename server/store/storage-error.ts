/**
 * A storage fault only the operator can fix (a corrupt file, a read-only or full disk, a
 * second server on the same files), told in one sentence that names the path and what to
 * do. The command line prints the message alone and exits 2, as for configuration errors.
 */
export class StorageError extends Error {
  override readonly name = 'StorageError';
}

const code = (error: unknown): string => String((error as { code?: unknown }).code ?? '');

/**
 * Turns what opening `file` in `dataDir` threw (a Node fs error or a SqliteError) into a
 * StorageError; anything not recognised is returned unchanged.
 */
export function explainSqliteFault(error: unknown, dataDir: string, file: string): unknown {
  if (error instanceof StorageError) return error;
  const kind = code(error);
  const reason = (error as Error).message;
  const who = typeof process.getuid === 'function' ? ` (uid ${process.getuid()})` : '';
  if (kind === 'ENOTDIR' || kind === 'EEXIST') {
    return new StorageError(
      `The data directory ${dataDir} is a file, not a directory: set CW_DATA_DIR to a directory for the database.`,
    );
  }
  if (kind === 'EACCES' || kind === 'EPERM' || kind === 'EROFS') {
    return new StorageError(
      `Cannot write in the data directory ${dataDir} (${reason}): make it writable by the user running the server${who}, or set CW_DATA_DIR to a writable directory.`,
    );
  }
  if (kind === 'ENOSPC' || kind === 'EDQUOT' || kind === 'SQLITE_FULL') {
    return new StorageError(
      `The disk holding ${file} is full (${reason}): free space on it or move CW_DATA_DIR to a larger disk, then start again.`,
    );
  }
  if (kind === 'SQLITE_NOTADB' || kind.startsWith('SQLITE_CORRUPT')) {
    return new StorageError(
      `${file} is not a readable SQLite database (${reason}): restore it from a backup (community-widgets-server backup makes one) or move it away to start with an empty database.`,
    );
  }
  if (
    kind.startsWith('SQLITE_CANTOPEN') ||
    kind.startsWith('SQLITE_READONLY') ||
    kind === 'SQLITE_PERM' ||
    kind === 'SQLITE_AUTH'
  ) {
    return new StorageError(
      `Cannot open ${file} for writing (${reason}): make ${dataDir} and the files in it writable by the user running the server${who}, or set CW_DATA_DIR to a writable directory.`,
    );
  }
  if (kind.startsWith('SQLITE_IOERR')) {
    return new StorageError(
      `Writing ${file} failed (${reason}): the disk is full or failing; free space or check the disk, then start again.`,
    );
  }
  return error;
}

/** What opening the Postgres database at `where` (its URL, password masked) threw, as a StorageError. */
export function explainPostgresFault(error: unknown, where: string): StorageError {
  const reason = (error as Error).message || String(error);
  const kind = code(error);
  const advice =
    kind === '28P01' || kind === '28000'
      ? 'check the user name and password in CW_DATABASE_URL'
      : kind === '3D000'
        ? 'create the database first (createdb), or fix its name in CW_DATABASE_URL'
        : 'check CW_DATABASE_URL and that Postgres is running and accepts connections from here';
  return new StorageError(`Cannot open the Postgres database at ${where} (${reason}): ${advice}.`);
}
