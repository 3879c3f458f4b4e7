import type { Community } from '../domain/community.js';
import { INSIGHT_KINDS, insightCsv, type InsightKind } from '../domain/insights.js';
import type { Identity } from '../domain/types.js';
import { ProtocolError } from './body.js';

/** A request as both HTTP front ends (fastify and msw) hand it to the domain. */
export interface OperationRequest {
  identity: Identity | null;
  params: Record<string, string>;
  query: Record<string, string | undefined>;
  body: unknown;
  /** The `Idempotency-Key` header, for operations that create content. */
  idempotencyKey?: string | undefined;
}

export interface Operation {
  /** `operationId` in api/openapi.yaml; the server takes the route's schemas from there. */
  id: string;
  method: 'GET' | 'PUT' | 'DELETE' | 'POST' | 'PATCH';
  /** Path with `:param` placeholders, relative to the API base. */
  path: string;
  /** Whether the route writes (rate limits and idempotency treat writes apart). */
  writes: boolean;
  /** The success status when not 200: 201 for creations, 204 (no body) for deletions. */
  status?: 201 | 204;
  /** `false` for a PUT or POST that takes no body (so none is required as JSON). */
  body?: false;
  /** `run` resolves to an AsyncIterable of lines, sent as NDJSON while they come. */
  stream?: 'ndjson';
  /** The answer as text/csv, for operations that offer it (`Accept: text/csv` or `format=csv`). */
  csv?: (result: unknown) => { body: string; fileName: string };
  run(community: Community, request: OperationRequest): Promise<unknown>;
}

/** Splits a comma-separated list parameter, keeping empty entries so they fail validation. */
export function listParameter(value: string | undefined): string[] {
  return value === undefined || value === '' ? [] : value.split(',');
}

/** Whether a request asks an operation that offers CSV for it. */
export function wantsCsv(
  operation: Operation,
  query: Record<string, string | undefined>,
  accept: string | null | undefined,
): boolean {
  if (!operation.csv) return false;
  if (query.format !== undefined) return query.format === 'csv';
  return /(^|,)\s*text\/csv\b/i.test(accept ?? '');
}

/** The contract's operation id of each insight's route. */
const INSIGHT_OPERATION_IDS: Record<InsightKind, string> = {
  ratings: 'getRatingInsights',
  questions: 'getQuestionInsights',
  ideas: 'getIdeaInsights',
  experts: 'getExpertInsights',
  participation: 'getParticipationInsights',
};

/** One route per insight kind, all alike: `GET /insights/{kind}`, JSON or CSV. */
const insightOperation = (kind: InsightKind): Operation => ({
  id: INSIGHT_OPERATION_IDS[kind],
  method: 'GET',
  path: `/insights/${kind}`,
  writes: false,
  csv: (result) => {
    const { from, to } = result as { from: string; to: string };
    return { body: insightCsv(kind, result), fileName: `insights-${kind}-${from}-${to}.csv` };
  },
  run: (community, { identity, query }) =>
    community.insights.read(kind, identity, {
      from: query.from,
      to: query.to,
      scope: query.scope,
      format: query.format,
    }),
});

/** Every route of the contract, in one table. */
export const operations: Operation[] = [
  {
    id: 'getViewer',
    method: 'GET',
    path: '/me',
    writes: false,
    run: async (community, { identity }) => community.viewer(identity),
  },
  {
    id: 'getRatingSummaries',
    method: 'GET',
    path: '/ratings',
    writes: false,
    run: async (community, { identity, query }) => ({
      items: await community.ratings.summaries(identity, listParameter(query.subjects)),
    }),
  },
  {
    id: 'setRating',
    method: 'PUT',
    path: '/subjects/:subject/rating',
    writes: true,
    run: (community, { identity, params, body }) =>
      community.ratings.rate(identity, params.subject, body),
  },
  {
    id: 'clearRating',
    method: 'DELETE',
    path: '/subjects/:subject/rating',
    writes: true,
    run: (community, { identity, params }) => community.ratings.clear(identity, params.subject),
  },
  {
    id: 'listQuestions',
    method: 'GET',
    path: '/subjects/:subject/questions',
    writes: false,
    run: (community, { identity, params, query }) =>
      community.questions.list(identity, params.subject, {
        sort: query.sort,
        q: query.q,
        cursor: query.cursor,
        limit: query.limit,
      }),
  },
  {
    id: 'askQuestion',
    method: 'POST',
    path: '/subjects/:subject/questions',
    writes: true,
    status: 201,
    run: (community, { identity, params, body, idempotencyKey }) =>
      community.questions.ask(identity, params.subject, body, idempotencyKey),
  },
  // Before getQuestion: msw tries routes in order and `/questions/:questionId` matches it too.
  {
    id: 'findSimilarQuestions',
    method: 'GET',
    path: '/questions/similar',
    writes: false,
    run: (community, { identity, query }) =>
      community.questions.similar(identity, {
        subject: query.subject,
        q: query.q,
        limit: query.limit,
      }),
  },
  {
    id: 'getQuestion',
    method: 'GET',
    path: '/questions/:questionId',
    writes: false,
    run: (community, { identity, params }) => community.questions.get(identity, params.questionId),
  },
  {
    id: 'editQuestion',
    method: 'PATCH',
    path: '/questions/:questionId',
    writes: true,
    run: (community, { identity, params, body }) =>
      community.questions.edit(identity, params.questionId, body),
  },
  {
    id: 'deleteQuestion',
    method: 'DELETE',
    path: '/questions/:questionId',
    writes: true,
    status: 204,
    run: (community, { identity, params }) =>
      community.questions.remove(identity, params.questionId),
  },
  {
    id: 'voteQuestion',
    method: 'PUT',
    path: '/questions/:questionId/vote',
    writes: true,
    run: (community, { identity, params, body }) =>
      community.questions.voteQuestion(identity, params.questionId, body),
  },
  {
    id: 'acceptAnswer',
    method: 'PUT',
    path: '/questions/:questionId/accepted',
    writes: true,
    run: (community, { identity, params, body }) =>
      community.questions.accept(identity, params.questionId, body),
  },
  {
    id: 'listAnswers',
    method: 'GET',
    path: '/questions/:questionId/answers',
    writes: false,
    run: (community, { identity, params, query }) =>
      community.questions.answers(identity, params.questionId, {
        cursor: query.cursor,
        limit: query.limit,
      }),
  },
  {
    id: 'answerQuestion',
    method: 'POST',
    path: '/questions/:questionId/answers',
    writes: true,
    status: 201,
    run: (community, { identity, params, body, idempotencyKey }) =>
      community.questions.answer(identity, params.questionId, body, idempotencyKey),
  },
  {
    id: 'editAnswer',
    method: 'PATCH',
    path: '/answers/:answerId',
    writes: true,
    run: (community, { identity, params, body }) =>
      community.questions.editAnswer(identity, params.answerId, body),
  },
  {
    id: 'deleteAnswer',
    method: 'DELETE',
    path: '/answers/:answerId',
    writes: true,
    status: 204,
    run: (community, { identity, params }) =>
      community.questions.removeAnswer(identity, params.answerId),
  },
  {
    id: 'voteAnswer',
    method: 'PUT',
    path: '/answers/:answerId/vote',
    writes: true,
    run: (community, { identity, params, body }) =>
      community.questions.voteAnswer(identity, params.answerId, body),
  },
  {
    id: 'listReviews',
    method: 'GET',
    path: '/subjects/:subject/reviews',
    writes: false,
    run: (community, { identity, params, query }) =>
      community.reviews.list(identity, params.subject, query),
  },
  {
    id: 'createReview',
    method: 'POST',
    path: '/subjects/:subject/reviews',
    writes: true,
    run: (community, { identity, params, body, idempotencyKey }) =>
      community.reviews.create(identity, params.subject, body, idempotencyKey),
  },
  {
    id: 'editReview',
    method: 'PATCH',
    path: '/reviews/:review',
    writes: true,
    run: (community, { identity, params, body }) =>
      community.reviews.edit(identity, params.review, body),
  },
  {
    id: 'deleteReview',
    method: 'DELETE',
    path: '/reviews/:review',
    writes: true,
    run: (community, { identity, params }) => community.reviews.remove(identity, params.review),
  },
  {
    id: 'setReviewHelpful',
    method: 'PUT',
    path: '/reviews/:review/helpful',
    writes: true,
    run: (community, { identity, params, body }) =>
      community.reviews.setHelpful(identity, params.review, body),
  },
  {
    id: 'listBoards',
    method: 'GET',
    path: '/boards',
    writes: false,
    run: (community, { identity }) => community.ideas.boards(identity),
  },
  {
    id: 'saveBoard',
    method: 'PUT',
    path: '/boards/:board',
    writes: true,
    run: (community, { identity, params, body }) =>
      community.ideas.putBoard(identity, params.board, body),
  },
  {
    id: 'getBoard',
    method: 'GET',
    path: '/boards/:board',
    writes: false,
    run: (community, { identity, params }) => community.ideas.board(identity, params.board),
  },
  {
    id: 'listIdeas',
    method: 'GET',
    path: '/boards/:board/ideas',
    writes: false,
    run: (community, { identity, params, query }) =>
      community.ideas.list(identity, params.board, {
        sort: query.sort,
        status: query.status,
        q: query.q,
        cursor: query.cursor,
        limit: query.limit,
      }),
  },
  {
    id: 'submitIdea',
    method: 'POST',
    path: '/boards/:board/ideas',
    writes: true,
    status: 201,
    run: (community, { identity, params, body, idempotencyKey }) =>
      community.ideas.submit(identity, params.board, body, idempotencyKey),
  },
  {
    id: 'findSimilarIdeas',
    method: 'GET',
    path: '/boards/:board/ideas/similar',
    writes: false,
    run: (community, { identity, params, query }) =>
      community.ideas.similar(identity, params.board, { q: query.q, limit: query.limit }),
  },
  {
    id: 'getIdea',
    method: 'GET',
    path: '/ideas/:ideaId',
    writes: false,
    run: (community, { identity, params }) => community.ideas.get(identity, params.ideaId),
  },
  {
    id: 'setIdeaStatus',
    method: 'PATCH',
    path: '/ideas/:ideaId',
    writes: true,
    run: (community, { identity, params, body }) =>
      community.ideas.setStatus(identity, params.ideaId, body),
  },
  {
    id: 'voteIdea',
    method: 'PUT',
    path: '/ideas/:ideaId/vote',
    writes: true,
    run: (community, { identity, params, body }) =>
      community.ideas.vote(identity, params.ideaId, body),
  },
  {
    id: 'mergeIdea',
    method: 'POST',
    path: '/ideas/:ideaId/merge',
    writes: true,
    run: (community, { identity, params, body }) =>
      community.ideas.merge(identity, params.ideaId, body),
  },
  {
    id: 'listIdeaComments',
    method: 'GET',
    path: '/ideas/:ideaId/comments',
    writes: false,
    run: (community, { identity, params, query }) =>
      community.ideas.comments(identity, params.ideaId, {
        cursor: query.cursor,
        limit: query.limit,
      }),
  },
  {
    id: 'commentIdea',
    method: 'POST',
    path: '/ideas/:ideaId/comments',
    writes: true,
    status: 201,
    run: (community, { identity, params, body, idempotencyKey }) =>
      community.ideas.comment(identity, params.ideaId, body, idempotencyKey),
  },
  {
    id: 'listIdeaUpdates',
    method: 'GET',
    path: '/me/ideas/updates',
    writes: false,
    run: (community, { identity, query }) =>
      community.ideas.updates(identity, { board: query.board }),
  },
  {
    id: 'markIdeaUpdatesSeen',
    method: 'PUT',
    path: '/me/ideas/updates/seen',
    writes: true,
    run: (community, { identity, body }) => community.ideas.markSeen(identity, body),
  },
  {
    id: 'listNotifications',
    method: 'GET',
    path: '/me/notifications',
    writes: false,
    run: (community, { identity, query }) =>
      community.notifications.list(identity, { cursor: query.cursor, limit: query.limit }),
  },
  {
    id: 'getUnreadNotificationCount',
    method: 'GET',
    path: '/me/notifications/unread-count',
    writes: false,
    run: (community, { identity }) => community.notifications.unreadCount(identity),
  },
  {
    id: 'markNotificationsRead',
    method: 'POST',
    path: '/me/notifications/read',
    writes: true,
    run: (community, { identity, body }) => community.notifications.markRead(identity, body),
  },
  {
    id: 'getNotificationPreferences',
    method: 'GET',
    path: '/me/notification-preferences',
    writes: false,
    run: (community, { identity }) => community.notifications.preferences(identity),
  },
  {
    id: 'setNotificationPreferences',
    method: 'PUT',
    path: '/me/notification-preferences',
    writes: true,
    run: (community, { identity, body }) => community.notifications.setPreferences(identity, body),
  },
  {
    id: 'getUserProfiles',
    method: 'GET',
    path: '/users',
    writes: false,
    run: async (community, { identity, query }) => ({
      items: await community.experts.profiles(identity, listParameter(query.ids)),
    }),
  },
  {
    id: 'listExperts',
    method: 'GET',
    path: '/experts',
    writes: false,
    run: (community, { identity, query }) =>
      community.experts.experts(identity, {
        topic: query.topic,
        cursor: query.cursor,
        limit: query.limit,
      }),
  },
  {
    id: 'listTopics',
    method: 'GET',
    path: '/topics',
    writes: false,
    run: (community) => community.experts.topics(),
  },
  {
    id: 'endorseUser',
    method: 'PUT',
    path: '/users/:userId/endorsements/:topic',
    writes: true,
    body: false,
    run: (community, { identity, params }) =>
      community.experts.endorse(identity, params.userId, params.topic, true),
  },
  {
    id: 'withdrawEndorsement',
    method: 'DELETE',
    path: '/users/:userId/endorsements/:topic',
    writes: true,
    body: false,
    run: (community, { identity, params }) =>
      community.experts.endorse(identity, params.userId, params.topic, false),
  },
  {
    id: 'inviteToAnswer',
    method: 'POST',
    path: '/questions/:questionId/invitations',
    writes: true,
    status: 201,
    run: (community, { identity, params, body, idempotencyKey }) =>
      community.experts.invite(identity, params.questionId, body, idempotencyKey),
  },
  {
    id: 'listInvitations',
    method: 'GET',
    path: '/me/invitations',
    writes: false,
    run: (community, { identity, query }) =>
      community.experts.invitations(identity, { cursor: query.cursor, limit: query.limit }),
  },
  {
    id: 'getHealth',
    method: 'GET',
    path: '/healthz',
    writes: false,
    run: async (community) => {
      // In order: a store that cannot be read cannot be written either.
      const checks = [
        ['store-read', 'the store does not answer reads', () => community.store.ping()],
        [
          'store-write',
          'the store cannot write (disk full, read-only file or directory, or a failing disk)',
          () => community.store.checkWrite(),
        ],
      ] as const;
      for (const [name, meaning, check] of checks) {
        try {
          await check();
        } catch (error) {
          throw new ProtocolError(
            'unavailable',
            `The ${name} check failed: ${meaning}: ${(error as Error).message}`,
          );
        }
      }
      return { status: 'ok' };
    },
  },
  {
    id: 'reportContent',
    method: 'POST',
    path: '/reports',
    writes: true,
    status: 201,
    // One report per person per post: a retry replaces the report with itself.
    run: (community, { identity, body }) => community.moderation.report(identity, body),
  },
  {
    id: 'getModerationQueue',
    method: 'GET',
    path: '/moderation/queue',
    writes: false,
    run: (community, { identity, query }) =>
      community.moderation.queue(identity, {
        kind: query.kind,
        reason: query.reason,
        cursor: query.cursor,
        limit: query.limit,
      }),
  },
  {
    id: 'decideModeration',
    method: 'POST',
    path: '/moderation/decisions',
    writes: true,
    run: (community, { identity, body }) => community.moderation.decide(identity, body),
  },
  {
    id: 'getModerationLog',
    method: 'GET',
    path: '/moderation/log',
    writes: false,
    run: (community, { identity, query }) =>
      community.moderation.log(identity, { cursor: query.cursor, limit: query.limit }),
  },
  {
    id: 'listSuspensions',
    method: 'GET',
    path: '/moderation/suspensions',
    writes: false,
    run: (community, { identity }) => community.moderation.suspensions(identity),
  },
  {
    id: 'suspendUser',
    method: 'PUT',
    path: '/moderation/suspensions/:userId',
    writes: true,
    run: (community, { identity, params, body }) =>
      community.moderation.suspend(identity, params.userId, body),
  },
  {
    id: 'liftSuspension',
    method: 'DELETE',
    path: '/moderation/suspensions/:userId',
    writes: true,
    status: 204,
    body: false,
    run: (community, { identity, params }) => community.moderation.lift(identity, params.userId),
  },
  {
    id: 'exportEvents',
    method: 'GET',
    path: '/events/export',
    writes: false,
    stream: 'ndjson',
    run: async (community, { identity, query }) =>
      community.eventExport.open(identity, { since: query.since, limit: query.limit }),
  },
  ...INSIGHT_KINDS.map(insightOperation),
];
operations.forEach((operation, index) => {
  operations[index] = refusingSuspendedWriters(operation);
});

/** A suspended person's writes are refused before they run, on every front end alike. */
function refusingSuspendedWriters(operation: Operation): Operation {
  if (!operation.writes) return operation;
  const run = operation.run;
  return {
    ...operation,
    run: async (community, request) => {
      await community.moderation.assertMayWrite(request.identity);
      return run(community, request);
    },
  };
}
