/**
 * Dates from content are only trusted up to the build day: a `date: 9999-12-31` must not pin an
 * entry to the top of the feeds and "newest" lists for good. One day of slack covers a
 * contributor ahead of the build machine's clock (time zones).
 */
const DAY_MS = 86_400_000;

/** The build day as `YYYY-MM-DD` (UTC). */
export const buildDay = (now: Date = new Date()): string => now.toISOString().slice(0, 10);

const plusOneDay = (day: string) => new Date(Date.parse(`${day}T00:00:00Z`) + DAY_MS).toISOString().slice(0, 10);

/** True when `date` (`YYYY-MM-DD…`) is more than one day after `today`. */
export function isFutureDate(date: string, today: string = buildDay()): boolean {
  return date.slice(0, 10) > plusOneDay(today);
}

/**
 * The key "newest first" lists sort by: the date itself, or the empty string for a future date,
 * so such entries come after every entry with a real date (and stay findable).
 */
export const recencyKey = (date: string | null | undefined, today: string = buildDay()): string =>
  date && !isFutureDate(date, today) ? date : '';

/** The date a feed may announce: never later than the build day. */
export const announcedDate = (date: string, today: string = buildDay()): string =>
  isFutureDate(date, today) ? today : date;
