// Each line marked `must fail` is a mistake strict tsc has to catch (test/integration/run.mjs).
import { CwCommunity, CwRating } from 'community-widgets/react';

export const unknownProp = <CwRating subject="x" bogus />; // must fail
export const wrongType = <CwRating subject="x" distribution="yes" />; // must fail
export const wrongEvent = <CwRating onCwRate={(e) => e.detail.stars} />; // must fail
export const wrongToken = <CwCommunity getToken="abc" />; // must fail
