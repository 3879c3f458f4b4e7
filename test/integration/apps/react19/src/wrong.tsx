// Each line marked `must fail` is a mistake strict tsc has to catch (test/integration/run.mjs).
import type {} from 'community-widgets/jsx-react';
import { CwRating } from 'community-widgets/react';

export const unknownAttribute = <cw-rating subject="x" bogus="1" />; // must fail
export const wrongType = <cw-rating subject="x" distribution="yes" />; // must fail
export const wrongSize = <cw-rating subject="x" size="huge" />; // must fail
export const wrappedUnknown = <CwRating subject="x" bogus />; // must fail
export const wrappedEvent = <CwRating onCwRate={(e) => e.detail.stars} />; // must fail
