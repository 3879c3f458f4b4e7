import { POST_ID_PATTERN } from '../../api/limits.js';
import { normalizeUserText } from '../../api/shared/user-text.js';
import { NO_SUCH_SUBJECT, subjectPlace } from './access-rules.js';
import { DomainError, type Issue } from './errors.js';
import type { CommunityEvents } from './events.js';
import { Idempotency } from './idempotency.js';
import {
  decodeCursor,
  encodeCursor,
  pageOf,
  parsePageSize,
  type CursorPosition,
  type Page,
} from './pagination.js';
import {
  ANSWER_BODY_LIMITS,
  MAX_TOPICS,
  QUESTION_BODY_LIMITS,
  QUESTION_ORDERS,
  QUESTION_TITLE_LIMITS,
  TOPIC_PATTERN,
  type QuestionOrder,
} from './qa-rules.js';
import { requireIdentity } from './ratings.js';
import {
  moderatedPost,
  type ModeratedPost,
  type ModerationNote,
  type ModerationService,
} from './moderation.js';
import { Reputation } from './reputation.js';
import type {
  AnswerRow,
  AuthorColumns,
  QuestionRow,
  Store,
  StoreReader,
  StoreWriter,
} from './store.js';
import { findSimilar, searchTerms } from './text-search.js';
import type { Answer, Identity, Question, VoteValue } from './types.js';
import { textLimitIssue } from './user-text.js';
import { assertSubjectId } from './validate.js';
import { fingerprint, randomId } from './ids.js';
import { parseSearchText, parseSimilarLimit } from './search-params.js';

export { POST_ID_PATTERN };
/** The kinds of targets Q&A votes on, and of documents it puts in the text index. */
const QUESTION = 'question';
const ANSWER = 'answer';

export interface QuestionListOptions {
  sort?: unknown;
  q?: unknown;
  cursor?: unknown;
  limit?: unknown;
}

interface QuestionFields {
  title?: string;
  body?: string;
  topics?: string[];
}

/**
 * The rules of questions and answers: anyone reads, except in a private subject, which only
 * the roles it names and moderators enter; signed-in people ask, answer and vote
 * (one vote per person per post, never on their own); authors edit their posts; authors and
 * moderators delete them; the asker or a moderator accepts one answer, which lists first.
 */
export class QuestionService {
  private readonly idempotency: Idempotency;

  constructor(
    private readonly store: Store,
    private readonly now: () => Date,
    private readonly reputation: Reputation,
    private readonly moderation: ModerationService,
    private readonly events: CommunityEvents,
  ) {
    this.idempotency = new Idempotency(store, now);
    moderation.register(QUESTION, {
      posts: async (reader, ids) => {
        const rows = await reader.questions.byIds(ids);
        return new Map([...rows].map(([id, row]) => [id, questionPost(row)]));
      },
      withdraw: async (tx, post) => {
        await tx.text.unindex(QUESTION, post.id);
        return this.reputation.removeGroup(tx, post.id);
      },
      publish: async (tx, post, ledger) => {
        await indexQuestion(tx, (await tx.questions.byIds([post.id])).get(post.id)!);
        await this.reputation.reinstate(tx, ledger);
      },
    });
    moderation.register(ANSWER, {
      posts: async (reader, ids) => {
        const rows = [...(await reader.questions.answers(ids)).values()];
        const questions = await reader.questions.byIds([...new Set(rows.map((r) => r.questionId))]);
        return new Map(
          rows.flatMap((row) => {
            const question = questions.get(row.questionId);
            return question ? [[row.id, answerPost(row, question)] as const] : [];
          }),
        );
      },
      withdraw: async (tx, post) => {
        await tx.questions.addToCounts(post.scope, { answers: -1 });
        return this.reputation.removeGroup(tx, post.scope, { kind: ANSWER, id: post.id });
      },
      publish: async (tx, post, ledger) => {
        await tx.questions.addToCounts(post.scope, { answers: 1 });
        await this.reputation.reinstate(tx, ledger);
      },
    });
  }

  /** A page of `subject`'s questions in `sort` order, or ranked by relevance to `q`. */
  async list(
    viewer: Identity | null,
    subject: unknown,
    { sort, q, cursor, limit }: QuestionListOptions = {},
  ): Promise<Page<Question>> {
    assertSubjectId(subject);
    this.moderation.requireEnter(viewer, subjectPlace(subject), NO_SUCH_SUBJECT);
    const order = parseOrder(sort);
    const query = parseSearchText(q, 0);
    const size = parsePageSize(limit);
    const terms = searchTerms(query);
    if (terms.length > 0) {
      // Relevance is computed by the store per search, so pages are counted, not keyed.
      const orderName = `search:${fingerprint(terms.join(' '))}`;
      const position = decodeCursor(cursor, orderName);
      const offset = position && 'offset' in position ? position.offset : 0;
      const matches = await this.store.text.search({
        kind: QUESTION,
        scope: subject,
        terms,
        limit: size + 1,
        offset,
      });
      const rows = await this.store.questions.byIds(matches.map((m) => m.id));
      const found = matches.flatMap((m) => rows.get(m.id) ?? []);
      return this.page(viewer, found, size, (_row, index) => ({
        order: orderName,
        offset: offset + index + 1,
      }));
    }
    const position = decodeCursor(cursor, order);
    const rows = await this.store.questions.list({
      subject,
      order,
      after: position && 'after' in position ? position.after : undefined,
      limit: size + 1,
      visibleTo: this.moderation.visibilityFor(viewer),
    });
    return this.page(viewer, rows, size, (row) => ({
      order,
      after: order === 'votes' ? [row.score, row.seq] : [row.seq],
    }));
  }

  /** Questions of `subject` like `q` (what someone is typing), best first. */
  async similar(
    viewer: Identity | null,
    { subject, q, limit }: { subject: unknown; q: unknown; limit?: unknown },
  ): Promise<{ items: Question[] }> {
    assertSubjectId(subject, '#subject');
    this.moderation.requireEnter(viewer, subjectPlace(subject), NO_SUCH_SUBJECT);
    const text = parseSearchText(q, 1);
    const size = parseSimilarLimit(limit, 'questions');
    const matches = await findSimilar(this.store.text, {
      kind: QUESTION,
      scope: subject,
      text,
      limit: size,
    });
    const rows = await this.store.questions.byIds(matches.map((m) => m.id));
    return {
      items: await this.questionsFor(
        viewer,
        this.store,
        matches.flatMap((m) => rows.get(m.id) ?? []),
      ),
    };
  }

  async get(viewer: Identity | null, id: unknown): Promise<Question> {
    const row = await this.requireQuestion(this.store, id, viewer);
    return (await this.questionsFor(viewer, this.store, [row]))[0]!;
  }

  /** Asks a question; with an Idempotency-Key, a retry returns the first one. */
  async ask(
    viewer: Identity | null,
    subject: unknown,
    body: unknown,
    idempotencyKey?: string,
  ): Promise<Question> {
    const author = requireIdentity(viewer, 'Sign in to ask a question.');
    assertSubjectId(subject);
    this.moderation.requireEnter(author, subjectPlace(subject), NO_SUCH_SUBJECT);
    const fields = parseQuestionFields(body, false);
    return this.idempotency.write(
      author,
      { key: idempotencyKey, operation: 'askQuestion', request: { subject, body } },
      async (tx) => {
        const row = await tx.questions.insert({
          id: randomId('q'),
          subject,
          title: fields.title!,
          body: fields.body ?? '',
          topics: fields.topics ?? [],
          authorId: author.id,
          authorName: author.name,
          authorAvatar: author.avatar,
          createdAt: this.now(),
          editedAt: null,
          score: 0,
          answerCount: 0,
          acceptedAnswerId: null,
        });
        await tx.experts.savePerson(author);
        const note = await this.moderation.admit(tx, author, questionPost(row));
        await this.events.record(tx, {
          type: 'question.asked',
          actorId: author.id,
          actorRoles: author.roles,
          place: subjectPlace(subject),
          data: { ...questionFacts(row), held: note !== undefined },
        });
        return toQuestion(row, 0, note);
      },
    );
  }

  /** Changes the author's own question. */
  async edit(viewer: Identity | null, id: unknown, body: unknown): Promise<Question> {
    const author = requireIdentity(viewer, 'Sign in to edit your question.');
    const fields = parseQuestionFields(body, true);
    return this.store.write(async (tx) => {
      const row = await this.requireQuestion(tx, id, author);
      if (row.authorId !== author.id) {
        throw new DomainError('forbidden', 'Only the person who asked can edit a question.');
      }
      await tx.questions.update(row.id, { ...fields, editedAt: this.now() });
      const edited = (await tx.questions.byIds([row.id])).get(row.id)!;
      if (fields.topics && !sameTopics(fields.topics, row.topics)) {
        await this.reputation.retopic(tx, row.id, edited.topics);
      }
      await this.events.record(tx, {
        type: 'question.edited',
        actorId: author.id,
        place: subjectPlace(row.subject),
        data: questionFacts(edited),
      });
      if (await this.moderation.isPublished(tx, QUESTION, row.id)) await indexQuestion(tx, edited);
      return (await this.questionsFor(author, tx, [edited]))[0]!;
    });
  }

  /** Deletes a question with its answers: its author, or a moderator. */
  async remove(viewer: Identity | null, id: unknown): Promise<void> {
    const actor = requireIdentity(viewer, 'Sign in to delete your question.');
    await this.store.write(async (tx) => {
      const row = await this.requireQuestion(tx, id, actor);
      if (row.authorId !== actor.id && !isModerator(actor)) {
        throw new DomainError(
          'forbidden',
          'Only the person who asked or a moderator can delete a question.',
        );
      }
      await tx.text.unindex(QUESTION, row.id);
      await this.reputation.removeGroup(tx, row.id);
      await tx.questions.remove(row.id);
      await this.moderation.closeDeleted(tx, QUESTION, { ids: [row.id] });
      await this.moderation.closeDeleted(tx, ANSWER, { scope: row.id });
      await this.events.record(tx, {
        type: 'question.deleted',
        actorId: actor.id,
        place: subjectPlace(row.subject),
        data: questionFacts(row),
      });
    });
  }

  /** A page of answers: the accepted one first, then most voted, then oldest. */
  async answers(
    viewer: Identity | null,
    questionId: unknown,
    { cursor, limit }: { cursor?: unknown; limit?: unknown } = {},
  ): Promise<Page<Answer>> {
    const question = await this.requireQuestion(this.store, questionId, viewer);
    const size = parsePageSize(limit);
    const position = decodeCursor(cursor, 'answers');
    const firstPage = position === undefined;
    const acceptedId = question.acceptedAnswerId;
    const accepted =
      firstPage && acceptedId
        ? [...(await this.store.questions.answers([acceptedId])).values()]
        : [];
    const place = subjectPlace(question.subject);
    const acceptedShown = await this.moderation.shown(this.store, viewer, ANSWER, accepted, place);
    const pinned = accepted.filter((row) => acceptedShown.has(row.id));
    const room = size - pinned.length;
    const rows = (
      await this.store.questions.listAnswers({
        questionId: question.id,
        after: position && 'after' in position ? position.after : undefined,
        limit: room + 2,
        visibleTo: this.moderation.visibilityFor(viewer),
      })
    ).filter((row) => row.id !== acceptedId);
    const votes = viewer
      ? await this.store.votes.ofUser(
          viewer.id,
          ANSWER,
          [...pinned, ...rows].map((r) => r.id),
        )
      : new Map<string, number>();
    const shown = await this.moderation.shown(
      this.store,
      viewer,
      ANSWER,
      rows.slice(0, room),
      place,
    );
    // The query left out the answers the viewer may not see, so the page is full; `shown` adds
    // the notes their authors and moderators read.
    const page = pageOf(
      rows,
      room,
      (row) =>
        shown.has(row.id)
          ? toAnswer(row, question, votes.get(row.id) ?? 0, shown.get(row.id))
          : undefined,
      (row) => ({ order: 'answers', after: [row.score, row.seq] }),
    );
    // With no room left after the pinned answer, the next page starts from the top.
    const nextCursor =
      room === 0 && rows.length > 0
        ? encodeCursor({ order: 'answers', after: [Number.MAX_SAFE_INTEGER, 0] })
        : page.nextCursor;
    return {
      items: [
        ...pinned.map((row) =>
          toAnswer(row, question, votes.get(row.id) ?? 0, acceptedShown.get(row.id)),
        ),
        ...page.items.filter((item) => item !== undefined),
      ],
      nextCursor,
    };
  }

  /** Answers a question; with an Idempotency-Key, a retry returns the first answer. */
  async answer(
    viewer: Identity | null,
    questionId: unknown,
    body: unknown,
    idempotencyKey?: string,
  ): Promise<Answer> {
    const author = requireIdentity(viewer, 'Sign in to answer.');
    assertPostId(questionId, '#questionId');
    const text = parseAnswerBody(body);
    return this.idempotency.write(
      author,
      { key: idempotencyKey, operation: 'answerQuestion', request: { questionId, body } },
      async (tx) => {
        const question = await this.requireQuestion(tx, questionId, author);
        const row = await tx.questions.insertAnswer({
          id: randomId('a'),
          questionId: question.id,
          body: text,
          authorId: author.id,
          authorName: author.name,
          authorAvatar: author.avatar,
          createdAt: this.now(),
          editedAt: null,
          score: 0,
        });
        await tx.experts.savePerson(author);
        const note = await this.moderation.admit(tx, author, answerPost(row, question));
        await this.events.record(tx, {
          type: 'answer.posted',
          actorId: author.id,
          actorRoles: author.roles,
          place: subjectPlace(question.subject),
          data: { ...answerFacts(row, question), held: note !== undefined },
        });
        return toAnswer(row, question, 0, note);
      },
    );
  }

  async editAnswer(viewer: Identity | null, id: unknown, body: unknown): Promise<Answer> {
    const author = requireIdentity(viewer, 'Sign in to edit your answer.');
    const text = parseAnswerBody(body);
    return this.store.write(async (tx) => {
      const row = await this.requireAnswer(tx, id, author);
      if (row.authorId !== author.id) {
        throw new DomainError('forbidden', 'Only the person who answered can edit an answer.');
      }
      await tx.questions.updateAnswer(row.id, { body: text, editedAt: this.now() });
      const published = await this.moderation.isPublished(tx, ANSWER, row.id);
      if (published)
        await tx.text.index({
          kind: ANSWER,
          scope: row.questionId,
          id: row.id,
          title: '',
          body: text,
        });
      const question = (await tx.questions.byIds([row.questionId])).get(row.questionId)!;
      await this.events.record(tx, {
        type: 'answer.edited',
        actorId: author.id,
        place: subjectPlace(question.subject),
        data: answerFacts(row, question),
      });
      const votes = await tx.votes.ofUser(author.id, ANSWER, [row.id]);
      const shown = await this.moderation.shown(
        tx,
        author,
        ANSWER,
        [row],
        subjectPlace(question.subject),
      );
      return toAnswer(
        { ...row, body: text, editedAt: this.now() },
        question,
        votes.get(row.id) ?? 0,
        shown.get(row.id),
      );
    });
  }

  async removeAnswer(viewer: Identity | null, id: unknown): Promise<void> {
    const actor = requireIdentity(viewer, 'Sign in to delete your answer.');
    await this.store.write(async (tx) => {
      const row = await this.requireAnswer(tx, id, actor);
      if (row.authorId !== actor.id && !isModerator(actor)) {
        throw new DomainError(
          'forbidden',
          'Only the person who answered or a moderator can delete an answer.',
        );
      }
      const question = (await tx.questions.byIds([row.questionId])).get(row.questionId)!;
      if (question.acceptedAnswerId === row.id) {
        await tx.questions.update(question.id, { acceptedAnswerId: null });
      }
      if (await this.moderation.isPublished(tx, ANSWER, row.id)) {
        await tx.questions.addToCounts(question.id, { answers: -1 });
      }
      await this.reputation.removeGroup(tx, question.id, { kind: ANSWER, id: row.id });
      await tx.questions.removeAnswer(row.id);
      await this.moderation.closeDeleted(tx, ANSWER, { ids: [row.id] });
      await this.events.record(tx, {
        type: 'answer.deleted',
        actorId: actor.id,
        place: subjectPlace(question.subject),
        data: answerFacts(row, question),
      });
    });
  }

  /** Sets the viewer's vote on a question: +1, −1, or 0 to withdraw it. */
  async voteQuestion(viewer: Identity | null, id: unknown, body: unknown): Promise<Question> {
    const voter = requireIdentity(viewer, 'Sign in to vote.');
    const value = parseVote(body);
    return this.store.write(async (tx) => {
      const row = await this.requireQuestion(tx, id, voter);
      await this.applyVote(tx, voter, QUESTION, row, value, async (delta, previous) => {
        await tx.questions.addToCounts(row.id, { score: delta });
        await this.reputation.award(
          tx,
          authorOf(row),
          { kind: QUESTION, id: row.id, group: row.id },
          this.reputation.votePoints(QUESTION, previous, value),
          row.topics,
        );
        await this.events.record(tx, {
          type: 'question.voted',
          actorId: voter.id,
          place: subjectPlace(row.subject),
          data: { ...questionFacts(row), value, previous },
        });
      });
      const updated = (await tx.questions.byIds([row.id])).get(row.id)!;
      return (await this.questionsFor(voter, tx, [updated], new Map([[row.id, value]])))[0]!;
    });
  }

  async voteAnswer(viewer: Identity | null, id: unknown, body: unknown): Promise<Answer> {
    const voter = requireIdentity(viewer, 'Sign in to vote.');
    const value = parseVote(body);
    return this.store.write(async (tx) => {
      const row = await this.requireAnswer(tx, id, voter);
      await this.applyVote(tx, voter, ANSWER, row, value, async (delta, previous) => {
        await tx.questions.addToAnswerScore(row.id, delta);
        const question = (await tx.questions.byIds([row.questionId])).get(row.questionId)!;
        await this.reputation.award(
          tx,
          authorOf(row),
          { kind: ANSWER, id: row.id, group: row.questionId },
          this.reputation.votePoints(ANSWER, previous, value),
          question.topics,
        );
        await this.events.record(tx, {
          type: 'answer.voted',
          actorId: voter.id,
          place: subjectPlace(question.subject),
          data: { ...answerFacts(row, question), value, previous },
        });
      });
      const updated = (await tx.questions.answers([row.id])).get(row.id)!;
      const question = (await tx.questions.byIds([row.questionId])).get(row.questionId)!;
      return toAnswer(updated, question, value);
    });
  }

  /** Accepts one answer of the question (or none): the asker or a moderator. */
  async accept(viewer: Identity | null, questionId: unknown, body: unknown): Promise<Question> {
    const actor = requireIdentity(viewer, 'Sign in to accept an answer.');
    const answerId = parseAccept(body);
    return this.store.write(async (tx) => {
      const question = await this.requireQuestion(tx, questionId, actor);
      if (question.authorId !== actor.id && !isModerator(actor)) {
        throw new DomainError(
          'forbidden',
          'Only the person who asked or a moderator can accept an answer.',
        );
      }
      if (answerId !== null) {
        const answer = (await tx.questions.answers([answerId])).get(answerId);
        if (!answer || answer.questionId !== question.id) {
          throw DomainError.invalid([
            { pointer: '/answerId', detail: 'This answer does not belong to this question.' },
          ]);
        }
      }
      if (question.acceptedAnswerId !== answerId) {
        await this.awardAcceptance(tx, question, question.acceptedAnswerId, -1);
        await this.awardAcceptance(tx, question, answerId, 1);
        const answer = answerId
          ? (await tx.questions.answers([answerId])).get(answerId)
          : undefined;
        await this.events.record(tx, {
          type: 'answer.accepted',
          actorId: actor.id,
          place: subjectPlace(question.subject),
          data: {
            ...questionFacts(question),
            answerId,
            answerAuthorId: answer?.authorId ?? null,
            previousAnswerId: question.acceptedAnswerId,
          },
        });
      }
      await tx.questions.update(question.id, { acceptedAnswerId: answerId });
      const updated = (await tx.questions.byIds([question.id])).get(question.id)!;
      return (await this.questionsFor(actor, tx, [updated]))[0]!;
    });
  }

  /** Adds (`sign` 1) or takes back (−1) the points of an accepted answer; none for self-answers. */
  private async awardAcceptance(
    tx: StoreWriter,
    question: QuestionRow,
    answerId: string | null,
    sign: 1 | -1,
  ): Promise<void> {
    if (answerId === null) return;
    const answer = (await tx.questions.answers([answerId])).get(answerId);
    if (!answer || answer.authorId === question.authorId) return;
    await this.reputation.award(
      tx,
      authorOf(answer),
      { kind: ANSWER, id: answer.id, group: question.id },
      sign * this.reputation.weights.answerAccepted,
      question.topics,
      { acceptedAnswers: sign },
    );
  }

  private async applyVote(
    tx: StoreWriter,
    voter: Identity,
    kind: string,
    row: { id: string; authorId: string },
    value: VoteValue,
    addToScore: (delta: number, previous: number) => Promise<void>,
  ): Promise<void> {
    if (row.authorId === voter.id) {
      throw new DomainError('forbidden', 'You cannot vote on your own post.');
    }
    const previous = (await tx.votes.ofUser(voter.id, kind, [row.id])).get(row.id) ?? 0;
    if (previous === value) return;
    await tx.votes.set(kind, row.id, voter.id, value, this.now());
    await addToScore(value - previous, previous);
  }

  private async page(
    viewer: Identity | null,
    rows: QuestionRow[],
    size: number,
    positionOf: (row: QuestionRow, index: number) => CursorPosition,
  ): Promise<Page<Question>> {
    const shown = await this.questionsFor(viewer, this.store, rows.slice(0, size));
    const byId = new Map(shown.map((q) => [q.id, q]));
    // The query left out the questions the viewer may not see, so the page is full; `shown` adds
    // the notes their authors and moderators read.
    const page = pageOf(rows, size, (row) => byId.get(row.id), positionOf);
    return { ...page, items: page.items.filter((item) => item !== undefined) };
  }

  /**
   * Rows as the contract's questions, with the viewer's votes in one read; those the viewer
   * may not see (held, hidden, removed) are left out.
   */
  private async questionsFor(
    viewer: Identity | null,
    reader: StoreReader,
    rows: QuestionRow[],
    known?: Map<string, number>,
  ): Promise<Question[]> {
    const shown = await this.moderation.shown(reader, viewer, QUESTION, rows, (row) =>
      subjectPlace(row.subject),
    );
    const votes =
      known ??
      (viewer
        ? await reader.votes.ofUser(
            viewer.id,
            QUESTION,
            rows.map((row) => row.id),
          )
        : new Map<string, number>());
    return rows
      .filter((row) => shown.has(row.id))
      .map((row) => toQuestion(row, votes.get(row.id) ?? 0, shown.get(row.id)));
  }

  /** The question, if the viewer may see it: held and removed ones are their author's. */
  private async requireQuestion(
    reader: StoreReader,
    id: unknown,
    viewer: Identity | null,
  ): Promise<QuestionRow> {
    assertPostId(id, '#questionId');
    const row = (await reader.questions.byIds([id])).get(id);
    const missing = 'There is no such question (it may have been deleted).';
    if (!row) throw new DomainError('not-found', missing);
    await this.moderation.requireShown(
      reader,
      viewer,
      QUESTION,
      row,
      subjectPlace(row.subject),
      missing,
    );
    return row;
  }

  private async requireAnswer(
    reader: StoreReader,
    id: unknown,
    viewer: Identity | null,
  ): Promise<AnswerRow> {
    assertPostId(id, '#answerId');
    const row = (await reader.questions.answers([id])).get(id);
    const missing = 'There is no such answer (it may have been deleted).';
    // The answer's own sentence when its question is in a place the viewer may not enter: the
    // question's would tell that the answer exists.
    const question = row && (await reader.questions.byIds([row.questionId])).get(row.questionId);
    if (!row || !question) throw new DomainError('not-found', missing);
    await this.moderation.requireShown(
      reader,
      viewer,
      ANSWER,
      row,
      subjectPlace(question.subject),
      missing,
    );
    await this.requireQuestion(reader, row.questionId, viewer);
    return row;
  }
}

function authorOf(row: AuthorColumns): { id: string; name: string; avatar: string | null } {
  return { id: row.authorId, name: row.authorName, avatar: row.authorAvatar };
}

function sameTopics(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((topic, i) => topic === b[i]);
}

function isModerator(identity: Identity): boolean {
  return identity.roles.includes('moderator');
}

async function indexQuestion(tx: StoreWriter, row: QuestionRow): Promise<void> {
  await tx.text.index({
    kind: QUESTION,
    scope: row.subject,
    id: row.id,
    title: row.title,
    body: row.body,
  });
}

/** What every Q&A event says about its question. */
export function questionFacts(row: QuestionRow) {
  return {
    subject: row.subject,
    questionId: row.id,
    questionTitle: row.title,
    questionAuthorId: row.authorId,
    topics: [...row.topics],
  };
}

function answerFacts(row: AnswerRow, question: QuestionRow) {
  return { ...questionFacts(question), answerId: row.id, authorId: row.authorId };
}

function questionPost(row: QuestionRow): ModeratedPost {
  return moderatedPost(QUESTION, row, row.subject, subjectPlace(row.subject), row.title);
}

function answerPost(row: AnswerRow, question: QuestionRow): ModeratedPost {
  return moderatedPost(ANSWER, row, row.questionId, subjectPlace(question.subject));
}

function toQuestion(row: QuestionRow, viewerVote: number, note?: ModerationNote): Question {
  return {
    id: row.id,
    subject: row.subject,
    title: row.title,
    body: row.body,
    topics: [...row.topics],
    author: { id: row.authorId, name: row.authorName, avatar: row.authorAvatar },
    createdAt: row.createdAt.toISOString(),
    editedAt: row.editedAt?.toISOString() ?? null,
    score: row.score,
    viewerVote: viewerVote as VoteValue,
    answerCount: row.answerCount,
    acceptedAnswerId: row.acceptedAnswerId,
    ...(note ? { moderation: note } : {}),
  };
}

function toAnswer(
  row: AnswerRow,
  question: QuestionRow,
  viewerVote: number,
  note?: ModerationNote,
): Answer {
  return {
    id: row.id,
    questionId: row.questionId,
    body: row.body,
    author: { id: row.authorId, name: row.authorName, avatar: row.authorAvatar },
    createdAt: row.createdAt.toISOString(),
    editedAt: row.editedAt?.toISOString() ?? null,
    score: row.score,
    viewerVote: viewerVote as VoteValue,
    accepted: question.acceptedAnswerId === row.id,
    ...(note ? { moderation: note } : {}),
  };
}

export function assertPostId(id: unknown, pointer: string): asserts id is string {
  if (typeof id !== 'string' || !POST_ID_PATTERN.test(id)) {
    throw DomainError.invalid([{ pointer, detail: 'This is not a valid id.' }]);
  }
}

function parseOrder(sort: unknown): QuestionOrder {
  if (sort === undefined) return 'votes';
  if (typeof sort === 'string' && (QUESTION_ORDERS as readonly string[]).includes(sort)) {
    return sort as QuestionOrder;
  }
  throw DomainError.invalid([
    { pointer: '#sort', detail: `Sort by one of: ${QUESTION_ORDERS.join(', ')}.` },
  ]);
}

function bodyObject(body: unknown): Record<string, unknown> {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw DomainError.invalid([{ pointer: '', detail: 'The body must be a JSON object.' }]);
  }
  return body as Record<string, unknown>;
}

function unknownFields(body: Record<string, unknown>, known: readonly string[]): Issue[] {
  return Object.keys(body)
    .filter((key) => !known.includes(key))
    .map((key) => ({ pointer: `/${key}`, detail: `Unknown field "${key}".` }));
}

function textField(
  value: unknown,
  pointer: string,
  what: string,
  limits: { min: number; max: number },
  issues: Issue[],
): string | undefined {
  if (typeof value !== 'string') {
    issues.push({ pointer, detail: `${what} must be text.` });
    return undefined;
  }
  const text = normalizeUserText(value);
  const issue = textLimitIssue(text, limits, pointer, what);
  if (issue) issues.push(issue);
  return text;
}

/** `QuestionInput` (all of title, optional body and topics) or `QuestionPatch` (any of them). */
function parseQuestionFields(input: unknown, partial: boolean): QuestionFields {
  const body = bodyObject(input);
  const issues = unknownFields(body, ['title', 'body', 'topics']);
  const fields: QuestionFields = {};
  if (partial && Object.keys(body).length === 0) {
    issues.push({ pointer: '', detail: 'Change at least one of title, body or topics.' });
  }
  if (body.title !== undefined) {
    fields.title = textField(body.title, '/title', 'The title', QUESTION_TITLE_LIMITS, issues);
  } else if (!partial) {
    issues.push({ pointer: '/title', detail: 'A question needs a title.' });
  }
  if (body.body !== undefined) {
    fields.body = textField(body.body, '/body', 'The details', QUESTION_BODY_LIMITS, issues);
  }
  if (body.topics !== undefined) fields.topics = parseTopics(body.topics, issues);
  if (issues.length > 0) throw DomainError.invalid(issues.slice(0, 10));
  return fields;
}

function parseTopics(topics: unknown, issues: Issue[]): string[] {
  if (!Array.isArray(topics)) {
    issues.push({ pointer: '/topics', detail: 'Topics must be a list.' });
    return [];
  }
  if (topics.length > MAX_TOPICS) {
    issues.push({ pointer: '/topics', detail: `At most ${MAX_TOPICS} topics.` });
  } else if (new Set(topics).size !== topics.length) {
    issues.push({ pointer: '/topics', detail: 'Name each topic once.' });
  }
  topics.forEach((topic, index) => {
    if (typeof topic !== 'string' || !TOPIC_PATTERN.test(topic)) {
      issues.push({
        pointer: `/topics/${index}`,
        detail: 'A topic has lower-case letters, digits and hyphens (up to 32).',
      });
    }
  });
  return topics as string[];
}

function parseAnswerBody(input: unknown): string {
  const body = bodyObject(input);
  const issues = unknownFields(body, ['body']);
  let text: string | undefined;
  if (body.body === undefined) issues.push({ pointer: '/body', detail: 'An answer needs text.' });
  else text = textField(body.body, '/body', 'The answer', ANSWER_BODY_LIMITS, issues);
  if (issues.length > 0) throw DomainError.invalid(issues);
  return text!;
}

function parseVote(input: unknown): VoteValue {
  const body = bodyObject(input);
  const issues = unknownFields(body, ['value']);
  if (body.value !== -1 && body.value !== 0 && body.value !== 1) {
    issues.push({ pointer: '/value', detail: 'A vote is 1 (up), -1 (down) or 0 (none).' });
  }
  if (issues.length > 0) throw DomainError.invalid(issues);
  return body.value as VoteValue;
}

function parseAccept(input: unknown): string | null {
  const body = bodyObject(input);
  const issues = unknownFields(body, ['answerId']);
  const { answerId } = body;
  if (answerId !== null && (typeof answerId !== 'string' || !POST_ID_PATTERN.test(answerId))) {
    issues.push({ pointer: '/answerId', detail: 'Name an answer id, or null to accept none.' });
  }
  if (issues.length > 0) throw DomainError.invalid(issues);
  return answerId as string | null;
}
