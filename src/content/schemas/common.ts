import { counted } from '../../lib/text/plural.ts';
import { z } from 'zod';
import { joinContinuations } from '../continuations.ts';

/**
 * Field schemas shared by every content type. They accept what the 2024 corpus and
 * contentctl 5 accept and explain themselves in the error message a content author sees.
 */

const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Any UUID version (the corpus has 1, 4, 5, 6 and 9); normalized to lower case for URLs. */
export const uuid = z
  .string({ error: 'expected a UUID string' })
  .trim()
  .regex(UUID_RE, { error: 'not a valid UUID (expected 8-4-4-4-12 hexadecimal digits)' })
  .transform((s) => s.toLowerCase());

function isRealDate(s: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  if (!m) return false;
  const d = new Date(Date.UTC(+m[1], +m[2] - 1, +m[3]));
  return d.getUTCFullYear() === +m[1] && d.getUTCMonth() === +m[2] - 1 && d.getUTCDate() === +m[3];
}

/** `YYYY-MM-DD`; a YAML timestamp (unquoted date under some schemas) is folded back to that string. */
export const isoDate = z
  .union([z.string(), z.date()], { error: 'expected a date written as YYYY-MM-DD' })
  .transform((v) => (v instanceof Date ? v.toISOString().slice(0, 10) : v.trim()))
  .refine(isRealDate, { error: 'not a valid date (expected YYYY-MM-DD, e.g. 2024-09-30)' });

/** Non-negative integer; a quoted number is accepted as pydantic's lax mode does. */
export const version = z.preprocess(
  (v) => (typeof v === 'string' && /^\d+$/.test(v.trim()) ? Number(v) : v),
  z.number({ error: 'expected a whole number' }).int({ error: 'expected a whole number' }).min(0),
);

export const text = (what = 'text') =>
  z.string({ error: (iss) => (iss.input === undefined ? `required ${what} is missing` : `expected ${what} (a string)`) });

export const requiredText = (what = 'text', min = 1) =>
  text(what).refine((s) => s.trim().length >= min, { error: `${what} must have at least ${counted(min, 'character')}` });

/** Prose an author writes (descriptions, narratives, how to implement): `\` line continuations joined. */
export const proseText = (what = 'text', min = 1) => requiredText(what, min).transform(joinContinuations);
export const optionalProse = (what = 'text') => text(what).transform(joinContinuations);

/** Optional string; null and absent are both "not given". */
export const optText = z.string({ error: 'expected a string' }).nullish().transform((v) => v ?? null);

/** A list of strings; null or absent means empty. Non-string items are an error, not silently dropped. */
export const strList = z
  .array(z.union([z.string(), z.number()]).transform(String), { error: 'expected a list of strings' })
  .nullish()
  .transform((v) => (v ?? []).map((s) => s.trim()).filter((s) => s.length > 0));

/** A required list that may be empty. */
export const reqStrList = (what: string) =>
  z
    .array(z.union([z.string(), z.number()]).transform(String), {
      error: (iss) => (iss.input === undefined ? `required ${what} list is missing` : `expected ${what} as a list`),
    })
    .transform((v) => v.map((s) => s.trim()).filter((s) => s.length > 0));

export const dedupe = <T>(xs: T[]): T[] => [...new Set(xs)];

/** Same integer-or-numeric-string leniency as `version`, for scores and RBA inputs. */
export const intInRange = (min: number, max: number, what: string) =>
  z.preprocess(
    (v) => (typeof v === 'string' && /^-?\d+$/.test(v.trim()) ? Number(v) : v),
    z
      .number({ error: (iss) => (iss.input === undefined ? `required ${what} is missing` : `expected ${what} as a whole number`) })
      .int({ error: `expected ${what} as a whole number` })
      .min(min, { error: `${what} must be between ${min} and ${max}` })
      .max(max, { error: `${what} must be between ${min} and ${max}` }),
  );

/** YAML 1.1 and the corpus write booleans as 'true'/'false' strings; read both. */
export const looseBool = z
  .union([z.boolean(), z.string()], { error: 'expected true or false' })
  .nullish()
  .transform((v, ctx) => {
    if (v === null || v === undefined) return null;
    if (typeof v === 'boolean') return v;
    const s = v.trim().toLowerCase();
    if (['true', 'yes', 'on', '1'].includes(s)) return true;
    if (['false', 'no', 'off', '0', ''].includes(s)) return false;
    ctx.addIssue({ code: 'custom', message: `expected true or false, got "${v}"` });
    return z.NEVER;
  });

/** Only http(s) URLs are kept as references; anything else is reported by the lint pass. */
export const references = strList;

/** Fields every content object has, with the metadata nullable (old macros and lookups omit it). */
export const commonOptionalMeta = {
  name: requiredText('name'),
  id: uuid.nullish().transform((v) => v ?? null),
  version: version.nullish().transform((v) => v ?? null),
  date: isoDate.nullish().transform((v) => v ?? null),
  author: optText,
  description: optText.transform((v) => joinContinuations(v ?? '')),
  references,
};

export const commonRequiredMeta = {
  name: requiredText('name'),
  id: uuid,
  version,
  date: isoDate,
  author: requiredText('author'),
  description: proseText('description'),
  references,
};

// Path-safe names live with the URL code, which pages use without zod.
export { researchSlug, safeSegment } from '../segment.ts';
