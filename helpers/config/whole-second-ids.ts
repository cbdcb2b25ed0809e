/**
 * The real server takes note and card ids from the clock in whole seconds: one user's
 * second add within the same second is refused (500, UNIQUE constraint). Every pacing of
 * adds in the suite keeps to this one rule: profiles may not think faster between adds
 * (checked by the config), browser writers keep a margin for the page's own delay, and
 * fast session VUs wait for the next clock second (helpers/vu/sessions/pacing.ts).
 */
export const ONE_ADD_PER_SECOND_MS = 1_000;
