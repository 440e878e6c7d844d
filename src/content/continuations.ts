/**
 * contentctl's own templates end each paragraph and list item of prose with a `\` (a line
 * continuation in the Splunk .conf files it writes, where the line break after it is kept).
 * Read from YAML, a plain or single-quoted scalar keeps that backslash as text (a
 * double-quoted one has already joined the lines), so it would be shown as a stray `\` and
 * its paragraph would run into the next one. This removes each such backslash, with the
 * spaces around it, and makes its line break a paragraph break: in the template and in every
 * use in the corpus the backslash ends a paragraph or a list item. A doubled backslash
 * (`C:\\`) and a backslash inside a line (`a single \ character`) are text and stay.
 */
const CONTINUATION = /[ \t]*(?<!\\)\\[ \t]*(?:\r?\n)+|[ \t]*(?<!\\)\\[ \t]*$/g;

export function joinContinuations(text: string): string {
  return text.includes('\\') ? text.replace(CONTINUATION, (m) => (m.includes('\n') ? '\n\n' : '')) : text;
}
