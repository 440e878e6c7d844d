/**
 * Characters that must never reach a feed, a JSON or CSV file or a terminal: C0 controls but
 * tab, line feed and carriage return, DEL, C1 controls, lone surrogates and the noncharacters
 * U+FFFE/U+FFFF. This is a superset of what XML 1.0 forbids, so text cleaned here always fits
 * in an XML document.
 */
const CONTROL =
  /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;
/** Line and paragraph separators: a new line to most viewers, invisible to others. */
const SEPARATOR = /[\u2028\u2029]/g;
// One class without look-arounds, cheap enough for every string we escape: any surrogate (a
// pair too) sends the string to the exact expression above.
const MAYBE = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u2028\u2029\ud800-\udfff\ufffe\uffff]/;

export const hasControl = (s: string): boolean =>
  MAYBE.test(s) && (new RegExp(CONTROL.source).test(s) || /[\u2028\u2029]/.test(s));

/** Removes the characters above; U+2028/U+2029 become a line feed. Strings without any come back as they are. */
export function stripControl(s: string): string {
  if (!MAYBE.test(s)) return s;
  return s.replace(CONTROL, '').replace(SEPARATOR, '\n');
}

/**
 * Cleans every string of a plain value in place (objects and arrays, `skip` keys left alone) and
 * returns the dotted paths of the fields that changed, for one warning each.
 */
export function stripControlDeep(value: unknown, skip: ReadonlySet<string> = new Set()): string[] {
  const changed: string[] = [];
  const visit = (v: unknown, path: string): unknown => {
    if (typeof v === 'string') {
      const c = stripControl(v);
      if (c !== v) changed.push(path);
      return c;
    }
    if (Array.isArray(v)) {
      for (let i = 0; i < v.length; i++) v[i] = visit(v[i], `${path}[${i}]`);
    } else if (v && typeof v === 'object' && Object.getPrototypeOf(v) === Object.prototype) {
      const o = v as Record<string, unknown>;
      for (const k of Object.keys(o)) if (!skip.has(k)) o[k] = visit(o[k], path ? `${path}.${k}` : k);
    }
    return v;
  };
  visit(value, '');
  return changed;
}

/**
 * JSON text with DEL, C1 controls and U+2028/U+2029 written as `\u` escapes (JSON.stringify
 * already escapes C0 controls and lone surrogates). Outside strings JSON holds none of these,
 * so the replacement never changes the value.
 */
export function escapeJsonControls(json: string): string {
  return /[\u007f-\u009f\u2028\u2029]/.test(json)
    ? json.replace(/[\u007f-\u009f\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`)
    : json;
}

/** `JSON.stringify` for files we publish. */
export const publishedJson = (value: unknown, indent?: number): string =>
  escapeJsonControls(JSON.stringify(value, null, indent));

// Everything a terminal or a CI log could read as layout or a command: controls, escape
// sequences, line/paragraph separators, and bidi or invisible formatting characters.
const TERMINAL =
  /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;
const TERMINAL_TEST = new RegExp(TERMINAL.source);
const NAMED: Record<string, string> = { '\n': '\\n', '\r': '\\r', '\t': '\\t', '\u001b': '\\x1b' };

/**
 * One value made safe to print on one terminal line: a file name or content value cannot start
 * a new line (and so forge `::error::` in a CI log), move the cursor or recolour the output.
 * Each such character is shown as a visible escape (`\n`, `\x1b`, `\u202e`).
 */
export function terminalSafe(s: string): string {
  if (!TERMINAL_TEST.test(s)) return s;
  return s.replace(TERMINAL, (c) => {
    const code = c.charCodeAt(0);
    return (
      NAMED[c] ??
      (code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`)
    );
  });
}

/**
 * Data that is about characters (a lookup table mapping control characters) keeps them, made
 * visible: C0 controls as their Unicode control pictures (U+2400…), DEL as ␡, the others as a
 * `\u` escape. Tab and line breaks stay as they are.
 */
export function showControl(s: string): string {
  if (!hasControl(s)) return s;
  return s
    .replace(CONTROL, (c) => {
      const code = c.charCodeAt(0);
      return code < 0x20
        ? String.fromCharCode(0x2400 + code)
        : code === 0x7f
          ? '\u2421'
          : `\\u${code.toString(16).padStart(4, '0')}`;
    })
    .replace(SEPARATOR, (c) => `\\u${c.charCodeAt(0).toString(16)}`);
}
