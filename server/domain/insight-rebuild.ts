import type { CommunityEventRow } from './events.js';
import { InsightAggregates, type QuestionState } from './insight-aggregates.js';
import type { HistoryCursor, HistoryKind, HistoryRows, InsightHistory } from './insight-store.js';
import type { Store, StoreWriter } from './store.js';

/**
 * Rebuilds every insight aggregate from the content as it is now (ADR 014's listener keeps
 * them from migration 14 on; a database older than that has content they never saw).
 *
 * Each counted thing is put in the state its events would have left it in, through the
 * listener's own bookkeeping (`InsightAggregates.restore`), so a rebuilt store equals one
 * kept event by event. What only the event log knows comes from it where it has it: when a
 * thing was created (the listener dates it by its event), when an answer was accepted, each
 * status an idea entered. Before the log, the rows say it as well as they can: the row's
 * creation time, the accepted answer's own time as its acceptance, an idea's current status
 * entered when it last changed. Whether a post was made as an employee is kept only by the
 * aggregates themselves (the roles come from the token); a rebuild keeps what they knew and
 * counts older content as customers'.
 *
 * One transaction: the figures never show a half-built state, and writers wait for it.
 * Running it again gives the same aggregates.
 */
export async function rebuildInsights(
  store: Store,
  pageSize = 2000,
): Promise<Record<HistoryKind, number>> {
  return store.write(async (tx) => {
    const history = tx.insights.history;
    if (!history) {
      throw new Error('This store has kept its insights since it started: nothing to rebuild.');
    }
    const employee = await history.employeePosts();
    const log = await readLog(tx);
    await tx.insights.clear();
    const aggregates = new InsightAggregates();
    const counted = {} as Record<HistoryKind, number>;
    const author = (kind: string, id: string, authorId: string, at: number) => ({
      author: authorId,
      employee: employee.has(`${kind}|${id}`),
      at: log.created.get(`${kind}|${id}`) ?? at,
    });

    counted.rating = await each(history, 'rating', pageSize, async (row) => {
      const id = `${row.subject}|${row.userId}`;
      await aggregates.restore(tx, 'rating', id, null, {
        subject: row.subject,
        stars: row.stars,
        ...author('rating', id, row.userId, row.at),
      });
    });
    counted.review = await each(history, 'review', pageSize, async (row) => {
      await aggregates.restore(tx, 'review', row.id, null, {
        subject: row.subject,
        visible: row.visible,
        ...author('review', row.id, row.authorId, row.at),
      });
    });
    counted.question = await each(history, 'question', pageSize, async (row) => {
      const accepted = log.accepted.get(row.id);
      await aggregates.restore(tx, 'question', row.id, null, {
        subject: row.subject,
        topics: row.topics,
        visible: row.visible,
        acceptedId: row.acceptedAnswerId,
        // Unknown before the log: the answer's own time, once its row is read.
        acceptedAt:
          row.acceptedAnswerId !== null && accepted?.answerId === row.acceptedAnswerId
            ? accepted.at
            : null,
        firstAnswerAt: null,
        acceptedShown: null,
        ...author('question', row.id, row.authorId, row.at),
      });
    });
    counted.answer = await each(history, 'answer', pageSize, async (row) => {
      const question = await tx.insights.entity<QuestionState>('question', row.questionId);
      if (!question) return;
      const state = {
        questionId: row.questionId,
        subject: question.subject,
        topics: question.topics,
        visible: row.visible,
        questionVisible: question.visible,
        ...author('answer', row.id, row.authorId, row.at),
      };
      await aggregates.restore(tx, 'answer', row.id, row.questionId, state);
      const acceptedHere = question.acceptedId === row.id && question.acceptedAt === null;
      await aggregates.restore(tx, 'question', row.questionId, null, {
        ...question,
        acceptedAt: acceptedHere ? state.at : question.acceptedAt,
      });
    });
    counted.idea = await each(history, 'idea', pageSize, async (row) => {
      const facts = author('idea', row.id, row.authorId, row.at);
      const changes = log.statuses.get(row.id) ?? [];
      const first = changes[0];
      // Ideas are submitted open; a merge marks the duplicate without a status change.
      const known = log.created.has(`idea|${row.id}`);
      const entered: Array<[string, number]> = first
        ? [[first.from, facts.at], ...changes.map((c): [string, number] => [c.to, c.at])]
        : known || row.status === 'open' || row.statusChangedAt === null
          ? [['open', facts.at]]
          : [
              ['open', facts.at],
              [row.status, row.statusChangedAt],
            ];
      await aggregates.restore(tx, 'idea', row.id, null, {
        board: row.board,
        visible: row.visible,
        merged: row.mergedInto !== null,
        votes: row.votes,
        history: entered,
        ...facts,
      });
    });
    counted.comment = await each(history, 'comment', pageSize, async (row) => {
      await aggregates.restore(tx, 'comment', row.id, null, {
        board: row.board,
        visible: row.visible,
        ...author('comment', row.id, row.authorId, row.at),
      });
    });
    counted.endorsement = await each(history, 'endorsement', pageSize, async (row) => {
      const id = `${row.endorserId}|${row.userId}|${row.topic}`;
      await aggregates.restore(tx, 'endorsement', id, null, {
        topic: row.topic,
        at: log.created.get(`endorsement|${id}`) ?? row.at,
      });
    });
    return counted;
  });
}

/** Walks every row of a kind, a page at a time; returns how many there were. */
async function each<K extends HistoryKind>(
  history: InsightHistory,
  kind: K,
  pageSize: number,
  visit: (row: HistoryRows[K]) => Promise<void>,
): Promise<number> {
  let after: HistoryCursor | null = null;
  let count = 0;
  do {
    const page: { rows: HistoryRows[K][]; next: HistoryCursor | null } = await history.page(
      kind,
      after,
      pageSize,
    );
    for (const row of page.rows) await visit(row);
    count += page.rows.length;
    after = page.next;
  } while (after !== null);
  return count;
}

interface LogFacts {
  /** `kind|id` → when the event that the listener dates the thing by happened. */
  created: Map<string, number>;
  /** The last acceptance of each question. */
  accepted: Map<string, { answerId: string | null; at: number }>;
  /** Each idea's status changes, in order. */
  statuses: Map<string, Array<{ from: string; to: string; at: number }>>;
}

/** What the event log alone knows, in one pass over it. */
async function readLog(tx: StoreWriter): Promise<LogFacts> {
  const facts: LogFacts = { created: new Map(), accepted: new Map(), statuses: new Map() };
  const PAGE = 5000;
  let after = 0;
  for (;;) {
    const events = await tx.events.after({ after, limit: PAGE });
    for (const event of events) learn(facts, event);
    if (events.length < PAGE) return facts;
    after = events.at(-1)!.seq;
  }
}

function learn(facts: LogFacts, event: CommunityEventRow): void {
  const at = event.at.getTime();
  const data = event.data as Record<string, unknown>;
  const created = (kind: string, id: unknown) => facts.created.set(`${kind}|${String(id)}`, at);
  switch (event.type) {
    case 'rating.set':
      if (data.stars !== null) created('rating', `${String(data.subject)}|${event.actorId}`);
      break;
    case 'review.posted':
      created('review', data.reviewId);
      break;
    case 'question.asked':
      created('question', data.questionId);
      break;
    case 'answer.posted':
      created('answer', data.answerId);
      break;
    case 'idea.submitted':
      created('idea', data.ideaId);
      break;
    case 'idea.commented':
      created('comment', data.commentId);
      break;
    case 'expert.endorsed':
      if (data.endorsed)
        created('endorsement', `${event.actorId}|${String(data.personId)}|${String(data.topic)}`);
      break;
    case 'answer.accepted':
      facts.accepted.set(String(data.questionId), {
        answerId: (data.answerId as string | null) ?? null,
        at,
      });
      break;
    case 'idea.status-changed': {
      const id = String(data.ideaId);
      const list = facts.statuses.get(id) ?? [];
      list.push({ from: String(data.from), to: String(data.to), at });
      facts.statuses.set(id, list);
      break;
    }
    default:
      break;
  }
}
