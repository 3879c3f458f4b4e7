import type { RatingSummary, Review } from '../../core/types.js';

/**
 * schema.org `Product` with `AggregateRating` and `Review`s, as JSON-LD for search engines.
 * Reviews are plain text people wrote: they go in as JSON strings, and `jsonForScript`
 * escapes every character that could end the `<script>` element or start markup.
 */
export function productJsonLd(
  name: string,
  summary: RatingSummary,
  reviews: readonly Review[],
): Record<string, unknown> {
  const product: Record<string, unknown> = {
    '@context': 'https://schema.org',
    '@type': 'Product',
    name,
    sku: summary.subject,
  };
  if (summary.count > 0) {
    product.aggregateRating = {
      '@type': 'AggregateRating',
      ratingValue: Math.round(summary.average * 100) / 100,
      ratingCount: summary.count,
      bestRating: 5,
      worstRating: 1,
    };
  }
  if (reviews.length > 0) {
    product.review = reviews.map((review) => ({
      '@type': 'Review',
      name: review.title,
      reviewBody: review.body,
      datePublished: review.createdAt.slice(0, 10),
      author: { '@type': 'Person', name: review.author.name },
      reviewRating: {
        '@type': 'Rating',
        ratingValue: review.stars,
        bestRating: 5,
        worstRating: 1,
      },
    }));
  }
  return product;
}

/**
 * JSON that is safe as the text of a `<script>` element: `<`, `>` and `&` as `\u` escapes
 * (so no `</script>` or `<!--` can appear), and the line separators JavaScript once choked on.
 */
export function jsonForScript(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, '\\u003c')
    .replace(/>/g, '\\u003e')
    .replace(/&/g, '\\u0026')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}
