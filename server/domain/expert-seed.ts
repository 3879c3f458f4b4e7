import type { Community } from './community.js';
import { REPUTATION_LEVELS, type ReputationLevel } from './expert-rules.js';
import { demoReviewAuthor } from './review-seed.js';
import { demoPersonas } from './seed.js';
import type { Identity } from './types.js';

/** Who the demo lifts to which level, and on what: each answers questions on these topics. */
const DEMO_EXPERTS: ReadonlyArray<{
  person: Identity;
  topics: readonly string[];
  level: ReputationLevel;
}> = [
  { person: demoPersonas.employee, topics: ['brewing', 'cleaning'], level: 'expert' },
  { person: demoReviewAuthor(0), topics: ['brewing'], level: 'expert' },
  { person: demoPersonas.moderator, topics: ['brewing'], level: 'trusted' },
];

/** Questions people ask on each topic, and the gist of a good answer. */
const ASKED: Readonly<Record<string, { titles: readonly string[]; answer: string }>> = {
  brewing: {
    titles: [
      'What grind size suits a pour-over?',
      'How hot should the water be for brewing?',
      'How long should the coffee bloom?',
      'How much coffee should I use per cup?',
      'Why does my coffee taste sour?',
    ],
    answer: 'Medium-fine grind, water just off the boil, a 30-second bloom, then pour slowly.',
  },
  cleaning: {
    titles: [
      'How do I descale the kettle?',
      'Can the carafe go in the dishwasher?',
      'What removes coffee stains from glass?',
      'How often should I clean the filter?',
      'Is vinegar safe for the rubber seals?',
    ],
    answer: 'Citric acid in warm water for an hour, then rinse twice; skip vinegar on the seals.',
  },
};

/** A bound on each expert's questions, should a host's weights make the level unreachable. */
const MAX_QUESTIONS = 40;

const seeded = (role: string, n: number): Identity => ({
  id: `seed-${role}-${n}`,
  name: `Seed ${role} ${n}`,
  avatar: null,
  roles: ['member'],
});

/**
 * Reputation the demo's experts earn, through the same rules as visitors' (issue 17: in a
 * stock demo everyone stayed a newcomer, so no expert mark ever showed). Each expert answers
 * questions on other products of the catalogue; the asker accepts and two people upvote each
 * answer (15 + 2 × 10 points with the default weights), until their level is reached.
 * The featured product's Q&A stays as `seedQuestions` wrote it.
 */
export async function seedExperts(community: Community): Promise<void> {
  const qa = community.questions;
  let n = 0;
  for (const { person, topics, level } of DEMO_EXPERTS) {
    const target = REPUTATION_LEVELS.find((step) => step.level === level)!.from;
    for (let i = 0; i < MAX_QUESTIONS; i += 1) {
      const [profile] = await community.experts.profiles(null, [person.id]);
      if (profile && profile.reputation >= target) break;
      const topic = topics[i % topics.length]!;
      const asker = seeded('asker', n % 7);
      const subject = `sku-${String(2 + (n % 20)).padStart(3, '0')}`;
      const { titles, answer: body } = ASKED[topic]!;
      const question = await qa.ask(asker, subject, {
        title: titles[Math.floor(i / topics.length) % titles.length]!,
        topics: [topic],
      });
      const answer = await qa.answer(person, question.id, { body });
      await qa.accept(asker, question.id, { answerId: answer.id });
      for (const voter of [seeded('voter', 0), seeded('voter', 1)]) {
        await qa.voteAnswer(voter, answer.id, { value: 1 });
      }
      n += 1;
    }
  }
}
