import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { StorageError, explainSqliteFault } from './storage-error.js';

export const LOCK_FILE = 'community.sqlite.lock';

/**
 * Claims a SQLite data directory for this process, so a second server (or `migrate`) started
 * on it is refused with a sentence instead of running with its own write queue, rate limits
 * and caches beside the first. The lock file holds the owner's pid; a lock whose process is
 * gone (killed, crashed, the machine restarted) is stale and taken over. Returns the release.
 */
export function lockDataDir(dataDir: string): () => void {
  const file = join(dataDir, LOCK_FILE);
  try {
    mkdirSync(dataDir, { recursive: true });
  } catch (error) {
    throw explainSqliteFault(error, dataDir, file);
  }
  const mine = `${process.pid}\n`;
  for (let attempt = 0; attempt < 3; attempt += 1) {
    try {
      writeFileSync(file, mine, { flag: 'wx' });
      // Two servers taking over one stale lock at once: only the one whose pid stayed wins.
      if (readFileSync(file, 'utf8') !== mine) break;
      let released = false;
      return () => {
        if (released) return;
        released = true;
        if (readHolder(file) === process.pid) rmSync(file, { force: true });
      };
    } catch (error) {
      if ((error as { code?: string }).code !== 'EEXIST')
        throw explainSqliteFault(error, dataDir, file);
    }
    const holder = readHolder(file);
    if (holder !== null && holder !== process.pid && isRunning(holder)) break;
    // Stale: moved aside atomically so that of two servers only one removes it.
    try {
      renameSync(file, `${file}.stale-${process.pid}`);
      rmSync(`${file}.stale-${process.pid}`, { force: true });
    } catch {
      // Another server moved it first; the next attempt sees its lock.
    }
  }
  const holder = readHolder(file);
  throw new StorageError(
    `Another community-widgets-server (pid ${holder ?? 'unknown'}) is using ${dataDir}: stop it first, or give this one another CW_DATA_DIR (if no such process runs, delete ${file}).`,
  );
}

function readHolder(file: string): number | null {
  try {
    const pid = Number.parseInt(readFileSync(file, 'utf8'), 10);
    return Number.isInteger(pid) && pid > 0 ? pid : null;
  } catch {
    return null;
  }
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it runs, as another user.
    return (error as { code?: string }).code === 'EPERM';
  }
}
