import { msg, str } from './localize.js';
import { isolate, plural } from './locale.js';

/** The star input and what rating says back: loaded with the input, when someone can rate. */
export const ratingInputMessages = {
  groupLabel: () => msg('Your rating'),
  groupLabelFor: (label: string) => msg(str`Your rating of ${isolate(label)}`),
  starLabel: (value: number) =>
    plural(value, {
      zero: () => msg(str`${value} stars`, { id: 'rating.star-zero' }),
      one: () => msg(str`${value} star`, { id: 'rating.star-one' }),
      two: () => msg(str`${value} stars`, { id: 'rating.star-two' }),
      few: () => msg(str`${value} stars`, { id: 'rating.star-few' }),
      many: () => msg(str`${value} stars`, { id: 'rating.star-many' }),
      other: () => msg(str`${value} stars`, { id: 'rating.star-other' }),
    }),
  clear: () => msg('Remove my rating'),
  rated: (value: number) =>
    plural(value, {
      zero: () => msg(str`You rated this ${value} stars out of 5.`, { id: 'rating.rated-zero' }),
      one: () => msg(str`You rated this ${value} star out of 5.`, { id: 'rating.rated-one' }),
      two: () => msg(str`You rated this ${value} stars out of 5.`, { id: 'rating.rated-two' }),
      few: () => msg(str`You rated this ${value} stars out of 5.`, { id: 'rating.rated-few' }),
      many: () => msg(str`You rated this ${value} stars out of 5.`, { id: 'rating.rated-many' }),
      other: () => msg(str`You rated this ${value} stars out of 5.`, { id: 'rating.rated-other' }),
    }),
  cleared: () => msg('Your rating was removed.'),
  saveFailed: (reason: string) => msg(str`Your rating was not saved. ${reason}`),
  invalidValue: () => msg('Choose a whole number of stars from 1 to 5.'),
};
