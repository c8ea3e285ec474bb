/**
 * `new Date(ms).toISOString()`, by arithmetic, for the Lambda log writer's timestamps. A process's first
 * toISOString call costs about 0.24 ms (V8 sets up its date handling then), a tenth of a cold start's first
 * request with the default observability, whose access line needs a timestamp; this costs a few
 * microseconds. (The console logger, which writes nothing at a cold start, keeps toISOString.) Outside the
 * years 0000 to 9999 (never a clock's reading) and for a non-integer it defers to toISOString. A property
 * test holds the two equal.
 */
const MS_PER_DAY = 86_400_000;
/** 0000-01-01T00:00:00.000Z and 9999-12-31T23:59:59.999Z. */
const FIRST = -62_167_219_200_000;
const LAST = 253_402_300_799_999;

const pad = (n: number, width = 2): string => `${n}`.padStart(width, '0');

export function isoTime(ms: number = Date.now()): string {
  if (!Number.isInteger(ms) || ms < FIRST || ms > LAST) return new Date(ms).toISOString();
  const days = Math.floor(ms / MS_PER_DAY);
  let rest = ms - days * MS_PER_DAY;
  // Days since 1970-01-01 to a civil date: H. Hinnant, "chrono-Compatible Low-Level Date Algorithms" (civil_from_days).
  const z = days + 719_468;
  const era = Math.floor(z / 146_097);
  const dayOfEra = z - era * 146_097;
  const yearOfEra = Math.floor((dayOfEra - Math.floor(dayOfEra / 1460) + Math.floor(dayOfEra / 36_524) - Math.floor(dayOfEra / 146_096)) / 365);
  const dayOfYear = dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100));
  const shiftedMonth = Math.floor((5 * dayOfYear + 2) / 153); // 0 = March
  const day = dayOfYear - Math.floor((153 * shiftedMonth + 2) / 5) + 1;
  const month = shiftedMonth < 10 ? shiftedMonth + 3 : shiftedMonth - 9;
  const year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0);
  const hours = Math.floor(rest / 3_600_000);
  rest -= hours * 3_600_000;
  const minutes = Math.floor(rest / 60_000);
  rest -= minutes * 60_000;
  const seconds = Math.floor(rest / 1000);
  return `${pad(year, 4)}-${pad(month)}-${pad(day)}T${pad(hours)}:${pad(minutes)}:${pad(seconds)}.${pad(rest - seconds * 1000, 3)}Z`;
}
