import { msg, str } from './localize.js';
import { isolate, counted } from './locale.js';

/** The star input and what rating says back: loaded with the input, when someone can rate. */
export const ratingInputMessages = {
  groupLabel: () => msg('Your rating'),
  groupLabelFor: (label: string) => msg(str`Your rating of ${isolate(label)}`),
  starLabel: (value: number) =>
    counted('rating.star', value, str`${value} star`, str`${value} stars`),
  clear: () => msg('Remove my rating'),
  rated: (value: number) =>
    counted(
      'rating.rated',
      value,
      str`You rated this ${value} star out of 5.`,
      str`You rated this ${value} stars out of 5.`,
    ),
  cleared: () => msg('Your rating was removed.'),
  saveFailed: (reason: string) => msg(str`Your rating was not saved. ${reason}`),
  invalidValue: () => msg('Choose a whole number of stars from 1 to 5.'),
};
