import { z } from 'zod';

/*
 * Rules for text users type into Labstage (titles, names, bodies, …).
 *
 * Every such field refuses two things no storage can keep:
 *
 * - U+0000 (NUL). PostgreSQL's text types cannot hold it: an insert or even a
 *   lookup with it fails ("invalid byte sequence for encoding UTF8: 0x00"),
 *   which the backends would answer with a 500.
 * - Unpaired UTF-16 surrogates (U+D800–U+DFFF not part of a pair). They have
 *   no UTF-8 form; the database drivers (and argon2, for passwords) encode
 *   them as U+FFFD, so what is stored is not what was sent. A browser never
 *   produces them from typing; they arrive from scripts, e.g. as the JSON
 *   escape `\ud800`.
 *
 * Single-line fields (titles, names, codes, terms) also refuse every other
 * control character: C0 including tab, line feed and carriage return, DEL and
 * C1 (Unicode category Cc), and the line and paragraph separators
 * U+2028/U+2029. These fields are shown on one line (cards, headers, lists,
 * catalog groups, log lines); a line break or an escape there only breaks
 * layouts and logs, and a text input cannot produce one by typing. Leading
 * and trailing blanks are trimmed by the field's own schema first, so a
 * pasted trailing newline is forgiven when the schema trims.
 *
 * Multi-line fields (post and comment bodies, descriptions) keep every other
 * character: tabs and line breaks are content, and pasted terminal output or
 * source code legitimately carries escapes, form feeds and the like. They are
 * stored faithfully and rendered escaped.
 */

/**
 * Unicode mode reads a surrogate pair as one code point, so `\p{Cs}` only
 * matches an unpaired half. Used where `String.prototype.isWellFormed`
 * (ES2024) is missing, e.g. in older browsers running the same schemas.
 */
const UNPAIRED_SURROGATE = /\p{Cs}/u;

/** Category Cc (C0, DEL, C1) and the Unicode line/paragraph separators. */
const CONTROL_OR_LINE_BREAK = /[\p{Cc}\u2028\u2029]/u;

/**
 * True when `value` holds no unpaired UTF-16 surrogate, i.e. it has an exact
 * UTF-8 form.
 *
 * @public
 */
export function isWellFormedText(value: string): boolean {
  return typeof value.isWellFormed === 'function'
    ? value.isWellFormed()
    : !UNPAIRED_SURROGATE.test(value);
}

/**
 * True when `value` can be stored as it is: no U+0000 and no unpaired
 * surrogate.
 *
 * @public
 */
export function isStorableText(value: string): boolean {
  return !value.includes('\u0000') && isWellFormedText(value);
}

/**
 * True when `value` is storable and fits on one line: no control character
 * (tab, line break, escape, DEL, C1) and no U+2028/U+2029.
 *
 * @public
 */
export function isSingleLineText(value: string): boolean {
  return isStorableText(value) && !CONTROL_OR_LINE_BREAK.test(value);
}

/**
 * The message for text that can't be stored, e.g. "Title contains a
 * character that can't be stored (NUL or an unpaired surrogate)".
 *
 * @public
 */
export function unstorableTextMessage(label: string): string {
  return `${label} contains a character that can't be stored (NUL or an unpaired surrogate)`;
}

/**
 * The message for a control character in a single-line field, e.g. "Title
 * cannot contain control characters such as tabs or line breaks".
 *
 * @public
 */
export function controlCharacterMessage(label: string): string {
  return `${label} cannot contain control characters such as tabs or line breaks`;
}

/**
 * Multi-line user text (bodies, descriptions): `schema` (default
 * `z.string()`) that also refuses U+0000 and unpaired surrogates with
 * {@link unstorableTextMessage}. Tabs, line breaks and other characters stay
 * legal.
 *
 * The check runs after the checks already on `schema`, so it sees the
 * trimmed value when `schema` trims.
 *
 * @param label - how the message names the field, e.g. "Body"
 * @public
 */
export function storableText(
  label: string,
  schema: z.ZodString = z.string(),
): z.ZodString {
  return refineText(schema, label, { singleLine: false });
}

/**
 * Single-line user text (titles, names, codes): like {@link storableText},
 * and also refuses control characters (including tab and line breaks) and
 * U+2028/U+2029 with {@link controlCharacterMessage}. One issue per value:
 * NUL reads as "can't be stored", not as a control character.
 *
 * @param label - how the message names the field, e.g. "Title"
 * @public
 */
export function singleLineText(
  label: string,
  schema: z.ZodString = z.string(),
): z.ZodString {
  return refineText(schema, label, { singleLine: true });
}

/** Adds at most one text issue to `schema`: unstorable first, then control. */
function refineText(
  schema: z.ZodString,
  label: string,
  { singleLine }: { singleLine: boolean },
): z.ZodString {
  return schema.superRefine((value, ctx) => {
    let message: string | undefined;
    if (!isStorableText(value)) {
      message = unstorableTextMessage(label);
    } else if (singleLine && CONTROL_OR_LINE_BREAK.test(value)) {
      message = controlCharacterMessage(label);
    }
    if (message) {
      ctx.addIssue({ code: 'custom', message });
    }
  });
}
