import { describe, expect, it } from 'vitest';
import {
  escapeJsonControls,
  publishedJson,
  showControl,
  stripControl,
  stripControlDeep,
  terminalSafe,
} from '../../../src/lib/text/clean';
import { escapeAttribute, escapeText } from '../../../src/lib/text/escape';
import { csvCell } from '../../../src/domain/export/csv';
import { formatProblem, formatSummary, type Problem } from '../../../src/content/problems';

const C0 = Array.from({ length: 32 }, (_, i) => String.fromCharCode(i)).join('');
const HOSTILE = `a${C0}\u007f\u0085\u009b\u2028\u2029\udfff\ud800\ufffe\uffffb`;
// Anything XML 1.0 forbids (https://www.w3.org/TR/xml/#charsets), plus C1.
const NOT_XML = /[^\t\n\r\u0020-\u007e\u00a0-\ud7ff\ue000-\ufffd\u{10000}-\u{10ffff}]/u;

describe('stripControl', () => {
  it('keeps only what XML 1.0 allows, without C1; tab and line breaks stay', () => {
    const s = stripControl(HOSTILE);
    expect(s).not.toMatch(NOT_XML);
    expect(s).toBe('a\t\n\r\n\nb');
  });

  it('keeps surrogate pairs, emoji and ordinary text as they are', () => {
    for (const s of ['Emoji 🚨 𝒳', 'Ünïcödé – text', 'tab\there']) expect(stripControl(s)).toBe(s);
  });

  it('cleans nested values in place and names each changed field', () => {
    const v = { name: 'x\u0000y', raw: 'r\u0000', tags: { list: ['ok', 'a\u001bb'] } };
    expect(stripControlDeep(v, new Set(['raw']))).toEqual(['name', 'tags.list[1]']);
    expect(v).toEqual({ name: 'xy', raw: 'r\u0000', tags: { list: ['ok', 'ab'] } });
  });
});

describe('showControl', () => {
  it('keeps control characters of data about characters, made visible', () => {
    expect(showControl('\u0001|\u001b|\u007f|\u0085|\u2028|\t')).toBe('\u2401|\u241b|\u2421|\\u0085|\\u2028|\t');
    expect(showControl(HOSTILE)).not.toMatch(NOT_XML);
  });
});

describe('outputs', () => {
  it('markup escaping drops what XML cannot hold', () => {
    expect(escapeText(`<${HOSTILE}>`)).not.toMatch(NOT_XML);
    expect(escapeAttribute(`"${HOSTILE}"`)).not.toMatch(NOT_XML);
  });

  it('JSON writes DEL, C1 and line separators as escapes, the value unchanged', () => {
    const v = { s: `x\u007f\u0085\u2028\u2029y\u0000` };
    const json = publishedJson(v);
    expect(json).not.toMatch(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/);
    expect(JSON.parse(json)).toEqual(v);
    expect(escapeJsonControls('{"a":1}')).toBe('{"a":1}');
  });

  it('CSV cells carry no control characters', () => {
    expect(csvCell(`a\u0000\u001b[31mb\u0085`)).toBe('a[31mb');
  });
});

describe('terminal lines', () => {
  it('shows line breaks, escape sequences and bidi characters as visible escapes', () => {
    expect(terminalSafe('x\n::error::forged')).toBe('x\\n::error::forged');
    expect(terminalSafe('\u001b[31mred\u001b[0m\r')).toBe('\\x1b[31mred\\x1b[0m\\r');
    expect(terminalSafe('a\u202eb\u2028c\u0085')).toBe('a\\u202eb\\u2028c\\x85');
    expect(terminalSafe('plain – text 🚀')).toBe('plain – text 🚀');
  });

  it('a problem about a file named with a newline stays on one line', () => {
    const p: Problem = {
      severity: 'error',
      code: 'schema',
      file: 'detections/x\n::error::forged.yml',
      line: 1,
      column: null,
      field: 'name\n::set-output',
      message: 'bad \u001b[2J value\r\n::error::again',
      entry: null,
    };
    const out = formatSummary([p], { listErrors: true });
    for (const line of out.split('\n')) expect(line).not.toMatch(/^::/);
    expect(out).not.toContain('\u001b');
    expect(formatProblem(p)).toContain('x\\n::error::forged.yml');
  });
});
