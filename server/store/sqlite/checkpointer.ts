import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';

/**
 * How often the checkpoint thread looks for new WAL frames to copy back into the database
 * file. Longer lets more commits to one hot page (today's insight buckets, a distribution,
 * the log's last page) be copied once; shorter keeps the WAL smaller.
 */
const CHECKPOINT_EVERY_MS = 250;

/**
 * The writer's own checkpoint, left as a safety net: should the thread stop or fall behind,
 * the WAL still cannot grow past about this many pages (4 KiB each) before a commit copies it
 * back on the event loop, as SQLite does by default at 1,000.
 */
export const WRITER_AUTOCHECKPOINT_PAGES = 16_000;

/**
 * The thread's program (a worker evaluated from this text, so the server stays one bundled
 * file). PASSIVE never waits for readers or the writer: it copies what no reader still
 * needs, and the writer restarts the WAL from its beginning once all of it is copied.
 */
const PROGRAM = `
const { parentPort, workerData } = require('node:worker_threads');
const { statSync } = require('node:fs');
const Database = require(workerData.driver);
// A SqliteError reaches the parent as { code } alone: its message would be lost on the way.
function plainly(work) {
  try {
    return work();
  } catch (error) {
    throw new Error(String(error?.message ?? error) + (error?.code ? ' (' + error.code + ')' : ''));
  }
}
const db = plainly(() => new Database(workerData.file, { fileMustExist: true }));
db.pragma('wal_autocheckpoint = 0');
const wal = workerData.file + '-wal';
let copied = 0;
function checkpoint() {
  const changed = statSync(wal, { throwIfNoEntry: false })?.mtimeMs ?? 0;
  if (changed === copied) return;
  copied = changed;
  plainly(() => db.pragma('wal_checkpoint(PASSIVE)'));
}
const timer = setInterval(checkpoint, workerData.everyMs);
parentPort.on('message', () => {
  clearInterval(timer);
  db.close();
  parentPort.close();
});
`;

/** The first wait before a failed thread is started again; it doubles with each failure. */
const RESTART_AFTER_MS = 1_000;
const RESTART_AFTER_AT_MOST_MS = 60_000;

/**
 * Copies the WAL back into the database file on a thread of its own. A checkpoint writes
 * pages and syncs the file twice; on the writer's connection it ran inside the commit that
 * crossed 1,000 pages, on the event loop, and took a third of the loop's time under a write
 * load (rating writes 2,236 req/s with it there, 3,309 with no checkpoint at all). Started
 * by the store's first commit, so a store that never writes never starts a thread.
 *
 * A thread that fails (an I/O error, the file out of reach) is started again after a wait
 * that doubles up to a minute: meanwhile the writer's own checkpoint keeps the WAL bounded,
 * but it copies up to 64 MB inside a commit, on the event loop, which is what the thread is
 * there to avoid.
 */
export class WalCheckpointer {
  private worker: Worker | undefined;
  private restart: NodeJS.Timeout | undefined;
  private stopped: Promise<void> | undefined;
  private nextWaitMs = RESTART_AFTER_MS;

  constructor(
    private readonly file: string,
    /** Told of each failure, with the error and how long until the thread starts again. */
    private readonly onFailure: (error: unknown, restartInMs: number) => void = () => undefined,
  ) {}

  /** Starts the thread if it is not running yet. */
  start(): void {
    if (this.worker || this.restart || this.stopped) return;
    const worker = new Worker(PROGRAM, {
      eval: true,
      workerData: {
        file: this.file,
        driver: createRequire(import.meta.url).resolve('better-sqlite3'),
        everyMs: CHECKPOINT_EVERY_MS,
      },
    });
    const startedAt = Date.now();
    let failure: unknown = new Error('the thread ended');
    worker.on('error', (error) => (failure = error));
    worker.on('exit', () => {
      this.worker = undefined;
      if (this.stopped) return;
      // A thread that ran for a while before failing starts over from the shortest wait.
      if (Date.now() - startedAt > RESTART_AFTER_AT_MOST_MS) this.nextWaitMs = RESTART_AFTER_MS;
      this.restart = setTimeout(() => {
        this.restart = undefined;
        this.start();
      }, this.nextWaitMs);
      this.restart.unref();
      this.onFailure(failure, this.nextWaitMs);
      this.nextWaitMs = Math.min(this.nextWaitMs * 2, RESTART_AFTER_AT_MOST_MS);
    });
    // A server shutting down closes the store; nothing else should wait for this thread.
    worker.unref();
    this.worker = worker;
  }

  /** Ends the thread after its connection is closed; safe to call twice. */
  stop(): Promise<void> {
    this.stopped ??= new Promise<void>((resolve) => {
      clearTimeout(this.restart);
      this.restart = undefined;
      const worker = this.worker;
      if (!worker) return resolve();
      worker.once('exit', () => resolve());
      // Held until it has closed its connection: closing the store waits for this.
      worker.ref();
      worker.postMessage('stop');
    });
    return this.stopped;
  }
}
