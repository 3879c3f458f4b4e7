import { msg, str } from './localize.js';

/** The star input and what rating says back: loaded with the input, when someone can rate. */
export const ratingInputMessages = {
  groupLabel: () => msg('Your rating'),
  groupLabelFor: (label: string) => msg(str`Your rating of ${label}`),
  starLabel: (value: number) =>
    value === 1
      ? msg('1 star', { id: 'rating.star-one' })
      : msg(str`${value} stars`, { id: 'rating.star-other' }),
  clear: () => msg('Remove my rating'),
  rated: (value: number) =>
    value === 1
      ? msg('You rated this 1 star out of 5.', { id: 'rating.rated-one' })
      : msg(str`You rated this ${value} stars out of 5.`, { id: 'rating.rated-other' }),
  cleared: () => msg('Your rating was removed.'),
  saveFailed: (reason: string) => msg(str`Your rating was not saved. ${reason}`),
  invalidValue: () => msg('Choose a whole number of stars from 1 to 5.'),
};
