import { normalizeUserText, type TextLimits } from '../../api/shared/user-text.js';
import { boardPlace } from './access-rules.js';
import { DomainError, type Issue } from './errors.js';
import type { CommunityEvents } from './events.js';
import { Idempotency } from './idempotency.js';
import {
  addToTrend,
  NO_TREND,
  removeFromTrend,
  BOARD_ID_PATTERN,
  BOARD_POSTING,
  BOARD_TITLE_LIMITS,
  CLOSED_STATUSES,
  IDEA_BODY_LIMITS,
  IDEA_COMMENT_LIMITS,
  IDEA_NOTE_LIMITS,
  IDEA_ORDERS,
  IDEA_STATUSES,
  IDEA_TITLE_LIMITS,
  MAX_IDEA_SEARCH_MATCHES,
  MAX_IDEA_UPDATES,
  VOTE_BUDGET_RANGE,
  type BoardPosting,
  type IdeaOrder,
  type IdeaStatus,
} from './idea-rules.js';
import type { BoardRow, IdeaCommentRow, IdeaRow } from './idea-store.js';
import { decodeCursor, pageOf, parsePageSize, type Page } from './pagination.js';
import { assertPostId } from './questions.js';
import { requireIdentity } from './ratings.js';
import {
  moderatedPost,
  type ModeratedPost,
  type ModerationNote,
  type ModerationService,
} from './moderation.js';
import { Reputation } from './reputation.js';
import type { Store, StoreReader, StoreWriter } from './store.js';
import { findSimilar, searchTerms } from './text-search.js';
import type { components } from '../../api/contract.js';
import type { Identity } from './types.js';
import { textLimitIssue } from './user-text.js';
import { fingerprint, randomId } from './ids.js';
import { parseSearchText, parseSimilarLimit } from './search-params.js';

type Schemas = components['schemas'];

export type Board = Schemas['Board'];
export type BoardList = Schemas['BoardList'];
export type Idea = Schemas['Idea'];
export type IdeaComment = Schemas['IdeaComment'];
export type IdeaUpdate = Schemas['IdeaUpdate'];
export type IdeaVoteResult = Schemas['IdeaVoteResult'];

/** The kind of idea documents in the shared text index and of idea votes. */
const IDEA = 'idea';
const COMMENT = 'comment';

/**
 * A board as the site declares it (the server's configuration file, the demo seed,
 * `createMockCommunity({ boards })`): no vote budget and open to members unless said.
 */
export interface BoardInput {
  id: string;
  title: string;
  voteBudget?: number | null;
  posting?: BoardPosting;
}

export interface IdeaListOptions {
  sort?: unknown;
  status?: unknown;
  q?: unknown;
  cursor?: unknown;
  limit?: unknown;
}

/**
 * The rules of idea boards: anyone reads, except a private board, which only the roles it
 * names and moderators enter; whoever the board lets post submits ideas; signed-in people
 * vote (one vote per person per idea, within the board's budget) and comment; moderators
 * set statuses with a public note and merge duplicates; voters learn of every status change
 * on ideas they voted for.
 */
export class IdeaService {
  private readonly idempotency: Idempotency;

  constructor(
    private readonly store: Store,
    private readonly now: () => Date,
    private readonly reputation: Reputation,
    private readonly moderation: ModerationService,
    private readonly events: CommunityEvents,
  ) {
    this.idempotency = new Idempotency(store, now);
    moderation.register(IDEA, {
      posts: async (reader, ids) => {
        const rows = await reader.ideas.byIds(ids);
        return new Map([...rows].map(([id, row]) => [id, ideaPost(row)]));
      },
      withdraw: async (tx, post) => {
        await tx.text.unindex(IDEA, post.id);
        return this.reputation.removeGroup(tx, post.id);
      },
      publish: async (tx, post, ledger) => {
        const row = (await tx.ideas.byIds([post.id])).get(post.id)!;
        // A merged duplicate stays out of search, as merging left it.
        if (row.mergedInto === null) await indexIdea(tx, row);
        await this.reputation.reinstate(tx, ledger);
      },
    });
    moderation.register(COMMENT, {
      posts: async (reader, ids) => {
        const rows = [...(await reader.ideas.commentsByIds(ids)).values()];
        const ideas = await reader.ideas.byIds([...new Set(rows.map((row) => row.ideaId))]);
        return new Map(
          rows.flatMap((row) => {
            const idea = ideas.get(row.ideaId);
            return idea ? [[row.id, commentPost(row, idea)] as const] : [];
          }),
        );
      },
      withdraw: async (tx, post) => {
        await tx.ideas.addToCounts(post.scope, { comments: -1 });
        return [];
      },
      publish: async (tx, post) => {
        await tx.ideas.addToCounts(post.scope, { comments: 1 });
      },
    });
  }

  /**
   * Adds or replaces a board as the site declares it (configuration at start, seeds); the
   * same rules as `putBoard`, without a viewer. Throws DomainError 'invalid' naming each
   * broken field.
   */
  async saveBoard({ id, ...settings }: BoardInput): Promise<void> {
    const row = parseBoardInput(id, { voteBudget: null, posting: 'members', ...settings });
    await this.store.write((tx) => tx.ideas.saveBoard(row));
  }

  /** `PUT /boards/{board}`: moderators create a board or replace its title and settings. */
  async putBoard(viewer: Identity | null, id: unknown, input: unknown): Promise<Board> {
    requireModerator(viewer, 'create or change boards');
    assertBoardId(id, '#board');
    const row = parseBoardInput(id, input);
    await this.store.write((tx) => tx.ideas.saveBoard(row));
    return this.board(viewer, id);
  }

  /** `GET /boards`: every board the viewer may enter and its settings, by id. */
  async boards(viewer: Identity | null): Promise<BoardList> {
    const rows = await this.store.ideas.boards();
    return {
      items: rows
        .filter((row) => this.moderation.mayEnter(viewer, boardPlace(row.id)))
        .map((row) => ({ id: row.id, title: row.title, settings: this.settingsOf(row) })),
    };
  }

  async board(viewer: Identity | null, id: unknown): Promise<Board> {
    const board = await this.requireBoard(this.store, viewer, id);
    return {
      id: board.id,
      title: board.title,
      settings: this.settingsOf(board),
      viewer: {
        votesLeft: viewer ? await votesLeft(this.store, viewer, board) : null,
        canPost: viewer ? mayPost(viewer, board) : false,
        canModerate: viewer ? isModerator(viewer) : false,
      },
    };
  }

  private settingsOf(board: BoardRow): Board['settings'] {
    const readers = this.moderation.readersOf(boardPlace(board.id));
    return {
      voteBudget: board.voteBudget,
      posting: board.posting,
      readers: readers === null ? null : [...readers],
    };
  }

  /** The board, if the viewer may enter it: a private board is as missing as one never made. */
  private async requireBoard(
    reader: StoreReader,
    viewer: Identity | null,
    id: unknown,
  ): Promise<BoardRow> {
    const board = await requireBoard(reader, id);
    this.moderation.requireEnter(viewer, boardPlace(board.id), NO_SUCH_BOARD);
    return board;
  }

  /** A page of the board's ideas in `sort` order, or ranked by relevance to `q`. */
  async list(
    viewer: Identity | null,
    boardId: unknown,
    { sort, status, q, cursor, limit }: IdeaListOptions = {},
  ): Promise<Page<Idea>> {
    const board = await this.requireBoard(this.store, viewer, boardId);
    const order = parseOrder(sort);
    const filter = parseStatusFilter(status);
    const size = parsePageSize(limit);
    const terms = searchTerms(parseSearchText(q, 0));
    if (terms.length > 0) {
      const orderName = `search:${filter ?? '*'}:${fingerprint(terms.join(' '))}`;
      const position = decodeCursor(cursor, orderName);
      const offset = position && 'offset' in position ? position.offset : 0;
      const matches = await this.store.text.search({
        kind: IDEA,
        scope: board.id,
        terms,
        limit: MAX_IDEA_SEARCH_MATCHES,
      });
      const rows = await this.store.ideas.byIds(matches.map((m) => m.id));
      const found = matches
        .flatMap((m) => rows.get(m.id) ?? [])
        .filter((row) => matchesFilter(row, filter))
        .slice(offset, offset + size + 1);
      return this.page(viewer, found, size, (_row, index) => ({
        order: orderName,
        offset: offset + index + 1,
      }));
    }
    const orderName = `${order}:${filter ?? '*'}`;
    const position = decodeCursor(cursor, orderName);
    const rows = await this.store.ideas.list({
      board: board.id,
      order,
      status: filter,
      visibleTo: this.moderation.visibilityFor(viewer),
      after: position && 'after' in position ? position.after : undefined,
      limit: size + 1,
    });
    return this.page(viewer, rows, size, (row) => ({
      order: orderName,
      after:
        order === 'top'
          ? [row.votes, row.seq]
          : order === 'trending'
            ? [row.trend, row.seq]
            : [row.seq],
    }));
  }

  /** Ideas of the board like `q` (what someone is typing), best first; merged ones left out. */
  async similar(
    viewer: Identity | null,
    boardId: unknown,
    { q, limit }: { q: unknown; limit?: unknown },
  ): Promise<{ items: Idea[] }> {
    const board = await this.requireBoard(this.store, viewer, boardId);
    const text = parseSearchText(q, 1);
    const size = parseSimilarLimit(limit, 'ideas');
    const matches = await findSimilar(this.store.text, {
      kind: IDEA,
      scope: board.id,
      text,
      limit: size,
    });
    const rows = await this.store.ideas.byIds(matches.map((m) => m.id));
    const found = matches.flatMap((m) => rows.get(m.id) ?? []);
    return { items: await this.ideasFor(viewer, this.store, found) };
  }

  async get(viewer: Identity | null, id: unknown): Promise<Idea> {
    const row = await this.requireShownIdea(this.store, id, viewer);
    return (await this.ideasFor(viewer, this.store, [row]))[0]!;
  }

  /** Submits an idea; with an Idempotency-Key, a retry returns the first one. */
  async submit(
    viewer: Identity | null,
    boardId: unknown,
    body: unknown,
    idempotencyKey?: string,
  ): Promise<Idea> {
    const author = requireIdentity(viewer, 'Sign in to share an idea.');
    const board = await this.requireBoard(this.store, author, boardId);
    if (!mayPost(author, board)) {
      throw new DomainError(
        'forbidden',
        board.posting === 'moderators'
          ? 'Only moderators can add ideas to this board.'
          : 'Only employees can add ideas to this board.',
      );
    }
    const fields = parseIdeaInput(body);
    return this.idempotency.write(
      author,
      { key: idempotencyKey, operation: 'submitIdea', request: { board: board.id, body } },
      async (tx) => {
        const row = await tx.ideas.insert({
          id: randomId('i'),
          board: board.id,
          title: fields.title,
          body: fields.body,
          authorId: author.id,
          authorName: author.name,
          authorAvatar: author.avatar,
          createdAt: this.now(),
          status: 'open',
          statusNote: null,
          statusChangedAt: null,
          votes: 0,
          trend: NO_TREND,
          commentCount: 0,
          mergedInto: null,
        });
        const note = await this.moderation.admit(tx, author, ideaPost(row));
        await this.events.record(tx, {
          type: 'idea.submitted',
          actorId: author.id,
          actorRoles: author.roles,
          place: boardPlace(row.board),
          data: { ...ideaFacts(row), held: note !== undefined },
        });
        return toIdea(row, false, note);
      },
    );
  }

  /**
   * Turns the viewer's vote on or off. Inside one transaction, so two votes sent at once by
   * someone with one vote left cannot both pass the budget check.
   */
  async vote(viewer: Identity | null, id: unknown, body: unknown): Promise<IdeaVoteResult> {
    const voter = requireIdentity(viewer, 'Sign in to vote.');
    const voted = parseVoteInput(body);
    assertPostId(id, '#ideaId');
    return this.store.write(async (tx) => {
      const row = await this.requireShownIdea(tx, id, voter);
      const board = (await tx.ideas.board(row.board))!;
      const had = (await tx.votes.ofUser(voter.id, IDEA, [row.id])).has(row.id);
      if (voted && !had) {
        if (row.mergedInto !== null) {
          throw new DomainError(
            'conflict',
            'This idea was merged into another one; vote for that one instead.',
          );
        }
        if (CLOSED_STATUSES.includes(row.status)) {
          throw new DomainError('conflict', 'This idea is closed; it takes no more votes.');
        }
        const left = await votesLeft(tx, voter, board);
        if (left !== null && left <= 0) {
          throw new DomainError(
            'conflict',
            `You have used all ${board.voteBudget} of your votes on this board. Remove a vote to vote for this idea.`,
          );
        }
      }
      if (voted !== had) {
        const now = this.now();
        const previous = await tx.votes.set(IDEA, row.id, voter.id, voted ? 1 : 0, now);
        await tx.ideas.addToCounts(row.id, { votes: voted ? 1 : -1 });
        await tx.ideas.update(row.id, {
          trend: voted
            ? addToTrend(row.trend, now)
            : removeFromTrend(row.trend, previous ?? now, row.votes - 1),
        });
        await this.events.record(tx, {
          type: 'idea.voted',
          actorId: voter.id,
          place: boardPlace(row.board),
          data: { ...ideaFacts(row), voted },
        });
      }
      const updated = (await tx.ideas.byIds([row.id])).get(row.id)!;
      return { idea: toIdea(updated, voted), votesLeft: await votesLeft(tx, voter, board) };
    });
  }

  /** Sets the status and public note (moderators); voters are told when the status changes. */
  async setStatus(viewer: Identity | null, id: unknown, body: unknown): Promise<Idea> {
    const actor = requireModerator(viewer, 'change the status of an idea');
    const { status, note } = parseStatusInput(body);
    assertPostId(id, '#ideaId');
    return this.store.write(async (tx) => {
      const row = await requireIdea(tx, id);
      if (row.mergedInto !== null) {
        throw new DomainError(
          'conflict',
          'This idea was merged into another one; it cannot change.',
        );
      }
      const at = this.now();
      await tx.ideas.update(row.id, {
        status,
        statusNote: note,
        statusChangedAt: status === row.status ? row.statusChangedAt : at,
      });
      if (status !== row.status) {
        await this.notifyVoters(tx, row, status, note, at);
        await this.events.record(tx, {
          type: 'idea.status-changed',
          actorId: actor.id,
          place: boardPlace(row.board),
          data: { ...ideaFacts(row), from: row.status, to: status, note },
        });
      }
      const completed = (status === 'completed' ? 1 : 0) - (row.status === 'completed' ? 1 : 0);
      await this.reputation.award(
        tx,
        { id: row.authorId, name: row.authorName, avatar: row.authorAvatar },
        { kind: 'idea', id: row.id, group: row.id },
        completed * this.reputation.weights.ideaCompleted,
        [],
        { completedIdeas: completed },
      );
      const updated = (await tx.ideas.byIds([row.id])).get(row.id)!;
      return (await this.ideasFor(actor, tx, [updated]))[0]!;
    });
  }

  /**
   * Merges a duplicate into a survivor of the same board (moderators): the duplicate's
   * voters become the survivor's, each counted once, and hear of the change; its comments
   * move to the survivor, and it takes no new ones.
   */
  async merge(viewer: Identity | null, id: unknown, body: unknown): Promise<Idea> {
    const actor = requireModerator(viewer, 'merge ideas');
    const { into, note } = parseMergeInput(body);
    assertPostId(id, '#ideaId');
    return this.store.write(async (tx) => {
      const duplicate = await requireIdea(tx, id);
      const survivor = (await tx.ideas.byIds([into])).get(into);
      if (!survivor) {
        throw DomainError.invalid([
          { pointer: '/into', detail: 'There is no such idea to merge into.' },
        ]);
      }
      if (survivor.id === duplicate.id) {
        throw DomainError.invalid([
          { pointer: '/into', detail: 'An idea cannot be merged into itself.' },
        ]);
      }
      if (survivor.board !== duplicate.board) {
        throw DomainError.invalid([
          { pointer: '/into', detail: 'Ideas can only be merged within one board.' },
        ]);
      }
      if (duplicate.mergedInto !== null) {
        throw new DomainError('conflict', 'This idea was already merged into another one.');
      }
      if (survivor.mergedInto !== null) {
        throw new DomainError(
          'conflict',
          'That idea was itself merged; merge into the one it points at.',
        );
      }
      const at = this.now();
      const voters = await tx.ideas.voters(duplicate.id);
      // Notify before moving the votes: the duplicate's voters are the ones to tell.
      await this.notifyVoters(tx, duplicate, 'duplicate', note, at);
      const alreadyThere = new Set(await tx.ideas.voters(survivor.id));
      let added = 0;
      // Moved votes count as cast now, on the survivor; the duplicate keeps none.
      let trend = survivor.trend;
      for (const voter of voters) {
        await tx.votes.set(IDEA, duplicate.id, voter, 0, at);
        if (!alreadyThere.has(voter)) {
          await tx.votes.set(IDEA, survivor.id, voter, 1, at);
          trend = addToTrend(trend, at);
          added += 1;
        }
      }
      await tx.ideas.addToCounts(duplicate.id, { votes: -voters.length });
      // The discussion follows the votes: one place to read and answer it.
      await tx.ideas.moveComments(duplicate.id, survivor.id);
      if (duplicate.commentCount !== 0) {
        await tx.ideas.addToCounts(duplicate.id, { comments: -duplicate.commentCount });
        await tx.ideas.addToCounts(survivor.id, { comments: duplicate.commentCount });
      }
      if (added > 0) {
        await tx.ideas.addToCounts(survivor.id, { votes: added });
        await tx.ideas.update(survivor.id, { trend });
      }
      await tx.ideas.update(duplicate.id, {
        status: 'duplicate',
        statusNote: note,
        statusChangedAt: at,
        mergedInto: survivor.id,
        trend: NO_TREND,
      });
      await tx.text.unindex(IDEA, duplicate.id);
      await this.events.record(tx, {
        type: 'idea.merged',
        actorId: actor.id,
        place: boardPlace(duplicate.board),
        data: { ...ideaFacts(duplicate), intoId: survivor.id, note, voterIds: voters },
      });
      const updated = (await tx.ideas.byIds([survivor.id])).get(survivor.id)!;
      return (await this.ideasFor(actor, tx, [updated]))[0]!;
    });
  }

  async comments(
    viewer: Identity | null,
    ideaId: unknown,
    { cursor, limit }: { cursor?: unknown; limit?: unknown } = {},
  ): Promise<Page<IdeaComment>> {
    const idea = await this.requireShownIdea(this.store, ideaId, viewer);
    const size = parsePageSize(limit);
    const position = decodeCursor(cursor, 'comments');
    const rows = await this.store.ideas.comments({
      ideaId: idea.id,
      afterSeq: position && 'after' in position ? Number(position.after[0]) : undefined,
      limit: size + 1,
      visibleTo: this.moderation.visibilityFor(viewer),
    });
    const shown = await this.moderation.shown(
      this.store,
      viewer,
      COMMENT,
      rows.slice(0, size),
      boardPlace(idea.board),
    );
    // The query left out the comments the viewer may not see, so the page is full; `shown` adds
    // the notes their authors and moderators read.
    const page = pageOf(
      rows,
      size,
      (row) => (shown.has(row.id) ? toComment(row, shown.get(row.id)) : undefined),
      (row) => ({ order: 'comments', after: [row.seq] }),
    );
    return { ...page, items: page.items.filter((item) => item !== undefined) };
  }

  /** Comments on an idea; with an Idempotency-Key, a retry returns the first comment. */
  async comment(
    viewer: Identity | null,
    ideaId: unknown,
    body: unknown,
    idempotencyKey?: string,
  ): Promise<IdeaComment> {
    const author = requireIdentity(viewer, 'Sign in to comment.');
    assertPostId(ideaId, '#ideaId');
    const text = parseCommentInput(body);
    return this.idempotency.write(
      author,
      { key: idempotencyKey, operation: 'commentIdea', request: { ideaId, body } },
      async (tx) => {
        const idea = await this.requireShownIdea(tx, ideaId, author);
        if (idea.mergedInto !== null) {
          throw new DomainError(
            'conflict',
            'This idea was merged into another one; comment on that one instead.',
          );
        }
        const row = await tx.ideas.insertComment({
          id: randomId('c'),
          ideaId: idea.id,
          body: text,
          authorId: author.id,
          authorName: author.name,
          authorAvatar: author.avatar,
          createdAt: this.now(),
          official: isModerator(author),
        });
        const note = await this.moderation.admit(tx, author, commentPost(row, idea));
        await this.events.record(tx, {
          type: 'idea.commented',
          actorId: author.id,
          actorRoles: author.roles,
          place: boardPlace(idea.board),
          data: {
            ...ideaFacts(idea),
            commentId: row.id,
            commentAuthorId: author.id,
            official: row.official,
            held: note !== undefined,
          },
        });
        return toComment(row, note);
      },
    );
  }

  /** Status changes on ideas the viewer voted for that they have not marked seen. */
  async updates(
    viewer: Identity | null,
    { board }: { board?: unknown } = {},
  ): Promise<{
    items: IdeaUpdate[];
  }> {
    const person = requireIdentity(viewer, 'Sign in to see what became of your ideas.');
    if (board !== undefined) assertBoardId(board, '#board');
    return {
      items: await this.unseenUpdates(this.store, person, board as string | undefined),
    };
  }

  /** Marks changes up to `through` seen; the mark never moves back. */
  async markSeen(viewer: Identity | null, body: unknown): Promise<{ items: IdeaUpdate[] }> {
    const person = requireIdentity(viewer, 'Sign in to see what became of your ideas.');
    const through = parseSeenInput(body);
    return this.store.write(async (tx) => {
      const seen = await tx.ideas.updatesSeen(person.id);
      if (through > seen) await tx.ideas.setUpdatesSeen(person.id, through);
      return { items: await this.unseenUpdates(tx, person, undefined) };
    });
  }

  private async notifyVoters(
    tx: StoreWriter,
    row: IdeaRow,
    status: IdeaStatus,
    note: string | null,
    at: Date,
  ): Promise<void> {
    const voters = await tx.ideas.voters(row.id);
    await tx.ideas.insertUpdates(
      voters.map((userId) => ({ userId, ideaId: row.id, board: row.board, status, note, at })),
    );
  }

  private async page(
    viewer: Identity | null,
    rows: IdeaRow[],
    size: number,
    positionOf: Parameters<typeof pageOf<IdeaRow, Idea>>[3],
  ): Promise<Page<Idea>> {
    const shown = await this.ideasFor(viewer, this.store, rows.slice(0, size));
    const byId = new Map(shown.map((idea) => [idea.id, idea]));
    // The query left out the ideas the viewer may not see, so the page is full; `shown` adds
    // the notes their authors and moderators read.
    const page = pageOf(rows, size, (row) => byId.get(row.id), positionOf);
    return { ...page, items: page.items.filter((item) => item !== undefined) };
  }

  /** Rows as the contract's ideas, leaving out those the viewer may not see. */
  private async ideasFor(viewer: Identity | null, reader: StoreReader, rows: IdeaRow[]) {
    const shown = await this.moderation.shown(reader, viewer, IDEA, rows, (row) =>
      boardPlace(row.board),
    );
    const votes = viewer
      ? await reader.votes.ofUser(
          viewer.id,
          IDEA,
          rows.map((row) => row.id),
        )
      : new Map<string, number>();
    return rows
      .filter((row) => shown.has(row.id))
      .map((row) => toIdea(row, votes.has(row.id), shown.get(row.id)));
  }

  private async requireShownIdea(
    reader: StoreReader,
    id: unknown,
    viewer: Identity | null,
  ): Promise<IdeaRow> {
    const row = await requireIdea(reader, id);
    await this.moderation.requireShown(
      reader,
      viewer,
      IDEA,
      row,
      boardPlace(row.board),
      'There is no such idea.',
    );
    return row;
  }

  /**
   * Status changes the person has not seen, leaving out boards they may no longer enter (a
   * voter whose role was taken away hears nothing more of the board).
   */
  private async unseenUpdates(
    reader: StoreReader,
    person: Identity,
    board: string | undefined,
  ): Promise<IdeaUpdate[]> {
    const seen = await reader.ideas.updatesSeen(person.id);
    const rows = await reader.ideas.updates({
      userId: person.id,
      afterSeq: seen,
      board,
      limit: MAX_IDEA_UPDATES,
    });
    const ideas = await reader.ideas.byIds([...new Set(rows.map((row) => row.ideaId))]);
    return rows.flatMap((row) => {
      const idea = ideas.get(row.ideaId);
      if (!idea || !this.moderation.mayEnter(person, boardPlace(idea.board))) return [];
      return [
        {
          id: row.seq,
          idea: { id: idea.id, board: idea.board, title: idea.title, mergedInto: idea.mergedInto },
          status: row.status,
          note: row.note,
          at: row.at.toISOString(),
        },
      ];
    });
  }
}

async function votesLeft(reader: StoreReader, voter: Identity, board: BoardRow) {
  if (board.voteBudget === null) return null;
  const used = await reader.ideas.countOpenVotes(voter.id, board.id);
  return Math.max(0, board.voteBudget - used);
}

async function indexIdea(tx: StoreWriter, row: IdeaRow): Promise<void> {
  await tx.text.index({
    kind: IDEA,
    scope: row.board,
    id: row.id,
    title: row.title,
    body: row.body,
  });
}

function ideaFacts(row: IdeaRow) {
  return { board: row.board, ideaId: row.id, ideaTitle: row.title, ideaAuthorId: row.authorId };
}

function ideaPost(row: IdeaRow): ModeratedPost {
  return moderatedPost(IDEA, row, row.board, boardPlace(row.board), row.title);
}

function commentPost(row: IdeaCommentRow, idea: IdeaRow): ModeratedPost {
  return moderatedPost(COMMENT, row, row.ideaId, boardPlace(idea.board));
}

const NO_SUCH_BOARD = 'There is no such idea board.';

async function requireBoard(reader: StoreReader, id: unknown): Promise<BoardRow> {
  assertBoardId(id, '#board');
  const board = await reader.ideas.board(id);
  if (!board) throw new DomainError('not-found', NO_SUCH_BOARD);
  return board;
}

async function requireIdea(reader: StoreReader, id: unknown): Promise<IdeaRow> {
  assertPostId(id, '#ideaId');
  const row = (await reader.ideas.byIds([id])).get(id);
  if (!row) throw new DomainError('not-found', 'There is no such idea.');
  return row;
}

function assertBoardId(id: unknown, pointer: string): asserts id is string {
  if (typeof id !== 'string' || !BOARD_ID_PATTERN.test(id)) {
    throw DomainError.invalid([
      { pointer, detail: 'A board id has lower-case letters, digits and hyphens (up to 64).' },
    ]);
  }
}

export function isModerator(identity: Identity): boolean {
  return identity.roles.includes('moderator');
}

function mayPost(identity: Identity, board: BoardRow): boolean {
  if (board.posting === 'members') return true;
  if (board.posting === 'employees') {
    return identity.roles.includes('employee') || isModerator(identity);
  }
  return isModerator(identity);
}

function requireModerator(viewer: Identity | null, what: string): Identity {
  const actor = requireIdentity(viewer, `Sign in to ${what}.`);
  if (!isModerator(actor)) throw new DomainError('forbidden', `Only moderators can ${what}.`);
  return actor;
}

function toIdea(row: IdeaRow, viewerVoted: boolean, note?: ModerationNote): Idea {
  return {
    id: row.id,
    board: row.board,
    title: row.title,
    body: row.body,
    author: { id: row.authorId, name: row.authorName, avatar: row.authorAvatar },
    createdAt: row.createdAt.toISOString(),
    status: row.status,
    statusNote: row.statusNote,
    statusChangedAt: row.statusChangedAt?.toISOString() ?? null,
    votes: row.votes,
    viewerVoted,
    commentCount: row.commentCount,
    mergedInto: row.mergedInto,
    ...(note ? { moderation: note } : {}),
  };
}

function toComment(row: IdeaCommentRow, note?: ModerationNote): IdeaComment {
  return {
    id: row.id,
    ideaId: row.ideaId,
    body: row.body,
    author: { id: row.authorId, name: row.authorName, avatar: row.authorAvatar },
    createdAt: row.createdAt.toISOString(),
    official: row.official,
    ...(note ? { moderation: note } : {}),
  };
}

function matchesFilter(row: IdeaRow, status: IdeaStatus | undefined): boolean {
  return status === undefined ? row.mergedInto === null : row.status === status;
}

function parseOrder(sort: unknown): IdeaOrder {
  if (sort === undefined) return 'top';
  if (typeof sort === 'string' && (IDEA_ORDERS as readonly string[]).includes(sort)) {
    return sort as IdeaOrder;
  }
  throw DomainError.invalid([
    { pointer: '#sort', detail: `Sort by one of: ${IDEA_ORDERS.join(', ')}.` },
  ]);
}

function parseStatusFilter(status: unknown): IdeaStatus | undefined {
  if (status === undefined || status === '') return undefined;
  if (typeof status === 'string' && (IDEA_STATUSES as readonly string[]).includes(status)) {
    return status as IdeaStatus;
  }
  throw DomainError.invalid([
    { pointer: '#status', detail: `A status is one of: ${IDEA_STATUSES.join(', ')}.` },
  ]);
}

function bodyObject(body: unknown, known: readonly string[]): [Record<string, unknown>, Issue[]] {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw DomainError.invalid([{ pointer: '', detail: 'The body must be a JSON object.' }]);
  }
  const record = body as Record<string, unknown>;
  const issues = Object.keys(record)
    .filter((key) => !known.includes(key))
    .map((key) => ({ pointer: `/${key}`, detail: `Unknown field "${key}".` }));
  return [record, issues];
}

function textField(
  value: unknown,
  pointer: string,
  what: string,
  limits: TextLimits,
  issues: Issue[],
): string {
  if (typeof value !== 'string') {
    issues.push({ pointer, detail: `${what} must be text.` });
    return '';
  }
  const text = normalizeUserText(value);
  const issue = textLimitIssue(text, limits, pointer, what);
  if (issue) issues.push(issue);
  return text;
}

/**
 * A board's title and settings as the contract's BoardInput has them, all three required;
 * `id` is checked too, at `/id`, for boards declared outside a URL (the configuration file).
 */
export function parseBoardInput(id: string, input: unknown): BoardRow {
  const [body, issues] = bodyObject(input, ['title', 'voteBudget', 'posting']);
  if (!BOARD_ID_PATTERN.test(id)) {
    issues.push({
      pointer: '/id',
      detail: 'A board id has lower-case letters, digits and hyphens (up to 64).',
    });
  }
  let title = '';
  if (body.title === undefined)
    issues.push({ pointer: '/title', detail: 'A board needs a title.' });
  else title = textField(body.title, '/title', 'The title', BOARD_TITLE_LIMITS, issues);
  const { voteBudget, posting } = body;
  if (
    voteBudget !== null &&
    !(
      Number.isInteger(voteBudget) &&
      (voteBudget as number) >= VOTE_BUDGET_RANGE.min &&
      (voteBudget as number) <= VOTE_BUDGET_RANGE.max
    )
  ) {
    issues.push({
      pointer: '/voteBudget',
      detail: `A vote budget is a whole number from ${VOTE_BUDGET_RANGE.min} to ${VOTE_BUDGET_RANGE.max}, or null for unlimited.`,
    });
  }
  if (typeof posting !== 'string' || !(BOARD_POSTING as readonly string[]).includes(posting)) {
    issues.push({
      pointer: '/posting',
      detail: `Who may post is one of: ${BOARD_POSTING.join(', ')}.`,
    });
  }
  if (issues.length > 0) throw DomainError.invalid(issues);
  return {
    id,
    title,
    voteBudget: voteBudget as number | null,
    posting: posting as BoardPosting,
  };
}

function parseIdeaInput(input: unknown): { title: string; body: string } {
  const [body, issues] = bodyObject(input, ['title', 'body']);
  let title = '';
  if (body.title === undefined)
    issues.push({ pointer: '/title', detail: 'An idea needs a title.' });
  else title = textField(body.title, '/title', 'The title', IDEA_TITLE_LIMITS, issues);
  const text =
    body.body === undefined
      ? ''
      : textField(body.body, '/body', 'The description', IDEA_BODY_LIMITS, issues);
  if (issues.length > 0) throw DomainError.invalid(issues);
  return { title, body: text };
}

function parseNote(value: unknown, issues: Issue[]): string | null {
  if (value === undefined || value === null) return null;
  const text = textField(value, '/note', 'The note', IDEA_NOTE_LIMITS, issues);
  return text === '' ? null : text;
}

function parseStatusInput(input: unknown): { status: IdeaStatus; note: string | null } {
  const [body, issues] = bodyObject(input, ['status', 'note']);
  const { status } = body;
  if (typeof status !== 'string' || !(IDEA_STATUSES as readonly string[]).includes(status)) {
    issues.push({ pointer: '/status', detail: `A status is one of: ${IDEA_STATUSES.join(', ')}.` });
  } else if (status === 'duplicate') {
    issues.push({
      pointer: '/status',
      detail: 'Merge the idea into the one it duplicates instead (POST /ideas/{id}/merge).',
    });
  }
  const note = parseNote(body.note, issues);
  if (issues.length > 0) throw DomainError.invalid(issues);
  return { status: status as IdeaStatus, note };
}

function parseMergeInput(input: unknown): { into: string; note: string | null } {
  const [body, issues] = bodyObject(input, ['into', 'note']);
  if (typeof body.into !== 'string' || !/^[A-Za-z0-9_-]{1,64}$/.test(body.into)) {
    issues.push({ pointer: '/into', detail: 'Name the idea to merge into.' });
  }
  const note = parseNote(body.note, issues);
  if (issues.length > 0) throw DomainError.invalid(issues);
  return { into: body.into as string, note };
}

function parseVoteInput(input: unknown): boolean {
  const [body, issues] = bodyObject(input, ['voted']);
  if (typeof body.voted !== 'boolean') {
    issues.push({ pointer: '/voted', detail: 'Say true to vote or false to take the vote back.' });
  }
  if (issues.length > 0) throw DomainError.invalid(issues);
  return body.voted as boolean;
}

function parseCommentInput(input: unknown): string {
  const [body, issues] = bodyObject(input, ['body']);
  let text = '';
  if (body.body === undefined) issues.push({ pointer: '/body', detail: 'A comment needs text.' });
  else text = textField(body.body, '/body', 'The comment', IDEA_COMMENT_LIMITS, issues);
  if (issues.length > 0) throw DomainError.invalid(issues);
  return text;
}

function parseSeenInput(input: unknown): number {
  const [body, issues] = bodyObject(input, ['through']);
  const { through } = body;
  if (typeof through !== 'number' || !Number.isSafeInteger(through) || through < 1) {
    issues.push({ pointer: '/through', detail: 'Name the id of the newest update seen.' });
  }
  if (issues.length > 0) throw DomainError.invalid(issues);
  return through as number;
}
