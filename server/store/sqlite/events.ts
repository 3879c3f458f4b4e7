import type Database from 'better-sqlite3';
import type {
  CommunityEventRow,
  CommunityEventType,
  EventLogReader,
  EventLogWriter,
} from '../../domain/events.js';
import { eventFromColumns, eventToValues, type EventColumns } from '../rows/events.js';
import type { Migration } from './columns.js';

/**
 * Migration 11: the community's event log (`server/domain/events.ts`). Nothing looks an event
 * up by `id` (95 random bits), so it has no index: every write pays for one B-tree, not two.
 */
export const eventsMigration: Migration = {
  version: 11,
  name: 'community event log',
  sql: `CREATE TABLE community_events (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    id TEXT NOT NULL,
    type TEXT NOT NULL,
    at INTEGER NOT NULL,
    actor_id TEXT,
    place TEXT,
    data TEXT NOT NULL
  );`,
};

/** One writer at a time commits in `seq` order, so every committed event is safe to read. */
export class SqliteEventReads implements EventLogReader {
  private readonly page: Database.Statement<[number, number], EventColumns>;

  constructor(db: Database.Database) {
    this.page = db.prepare(
      'SELECT seq, id, type, at, actor_id, place, data FROM community_events WHERE seq > ? ORDER BY seq LIMIT ?',
    );
  }

  async after({ after, limit }: { after: number; limit: number }): Promise<CommunityEventRow[]> {
    return this.page.all(after, limit).map(eventFromColumns);
  }
}

export class SqliteEventWrites extends SqliteEventReads implements EventLogWriter {
  private readonly insert: Database.Statement<unknown[]>;

  constructor(db: Database.Database) {
    super(db);
    this.insert = db.prepare(
      'INSERT INTO community_events (id, type, at, actor_id, place, data) VALUES (?, ?, ?, ?, ?, ?)',
    );
  }

  async append<T extends CommunityEventType>(
    row: Omit<CommunityEventRow<T>, 'seq'>,
  ): Promise<CommunityEventRow<T>> {
    const { lastInsertRowid } = this.insert.run(...eventToValues(row));
    return { ...row, seq: Number(lastInsertRowid) };
  }
}
