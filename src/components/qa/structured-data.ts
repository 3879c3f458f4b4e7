import type { Answer, Question } from '../../core/types.js';

/**
 * schema.org `QAPage` JSON-LD for one question and its answers, so search engines show the
 * question with its accepted answer. Returned as the text of a
 * `<script type="application/ld+json">`: characters that could end the script or start
 * markup are escaped (`<`, `>`, `&`, and the line separators JavaScript once choked on), so
 * a post containing `</script>` stays inside the JSON even if the page is serialised as HTML.
 */
export function qaPageJsonLd(
  question: Question,
  answers: readonly Answer[],
  pageUrl?: string,
): string {
  const person = (author: { name: string }) => ({ '@type': 'Person', name: author.name });
  const answer = (item: Answer) => ({
    '@type': 'Answer',
    text: item.body,
    dateCreated: item.createdAt,
    upvoteCount: item.score,
    author: person(item.author),
    ...(pageUrl ? { url: `${pageUrl}#answer-${item.id}` } : {}),
  });
  const accepted = answers.find((item) => item.accepted);
  const suggested = answers.filter((item) => !item.accepted);
  const document = {
    '@context': 'https://schema.org',
    '@type': 'QAPage',
    mainEntity: {
      '@type': 'Question',
      name: question.title,
      text: question.body || question.title,
      answerCount: question.answerCount,
      upvoteCount: question.score,
      dateCreated: question.createdAt,
      author: person(question.author),
      ...(accepted ? { acceptedAnswer: answer(accepted) } : {}),
      ...(suggested.length > 0 ? { suggestedAnswer: suggested.map(answer) } : {}),
    },
  };
  return JSON.stringify(document).replace(
    /[<>&\u2028\u2029]/g,
    (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}
