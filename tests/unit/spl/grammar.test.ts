import { describe, expect, it } from 'vitest';
import { highlight, tokenize } from '../../../src/build/highlight/highlight';
import { LONG, SEARCHES } from './searches';

/** Innermost scope of each piece of text, flattened over lines. */
async function scopes(code: string) {
  const lines = await tokenize(code);
  return lines.flat().map((t) => ({ text: t.content, scope: t.scopes[t.scopes.length - 1], all: t.scopes }));
}

async function scopeOf(code: string, text: string, nth = 0) {
  const found = (await scopes(code)).filter((t) => t.text.trim() === text);
  expect(found.length, `"${text}" is a token of: ${code}`).toBeGreaterThan(nth);
  return found[nth];
}

describe('SPL grammar', () => {
  it('tokenizes every sample search without leaving text unscoped', async () => {
    expect(Object.keys(SEARCHES).length).toBeGreaterThanOrEqual(30);
    for (const [name, s] of Object.entries(SEARCHES)) {
      const toks = await scopes(s);
      expect(toks.map((t) => t.text).join(''), name).toBe(s);
    }
  });

  it('scopes commands after a pipe', async () => {
    expect((await scopeOf(SEARCHES.tstatsProcesses, 'tstats')).scope).toBe('entity.name.function.command.spl');
    expect((await scopeOf(SEARCHES.timechart, 'timechart')).scope).toBe('entity.name.function.command.spl');
    expect((await scopeOf(SEARCHES.statsBy, 'where')).scope).toBe('entity.name.function.command.spl');
  });

  it('scopes the pipe itself', async () => {
    expect((await scopeOf(SEARCHES.statsBy, '|')).scope).toBe('keyword.operator.pipe.spl');
  });

  it('scopes functions by the parenthesis that follows', async () => {
    expect((await scopeOf(SEARCHES.evalNested, 'if')).scope).toBe('support.function.spl');
    expect((await scopeOf(SEARCHES.evalNested, 'match')).scope).toBe('support.function.spl');
    expect((await scopeOf(SEARCHES.evalNested, 'coalesce')).scope).toBe('support.function.spl');
    expect((await scopeOf(SEARCHES.statsBy, 'dc')).scope).toBe('support.function.spl');
  });

  it('scopes macros and their arguments', async () => {
    expect((await scopeOf(SEARCHES.tstatsProcesses, 'security_content_summariesonly')).scope).toBe(
      'entity.name.function.macro.spl',
    );
    expect((await scopeOf(SEARCHES.tstatsProcesses, 'drop_dm_object_name')).scope).toBe(
      'entity.name.function.macro.spl',
    );
    expect((await scopeOf(SEARCHES.tstatsProcesses, 'Processes')).scope).toBe('variable.parameter.macro.spl');
    expect((await scopeOf(SEARCHES.macroArgsTwo, 'src_ip,1h')).scope).toBe('variable.parameter.macro.spl');
  });

  it('scopes keywords by, as, OR, AND, NOT, IN', async () => {
    for (const k of ['by', 'as'])
      expect((await scopeOf(SEARCHES.statsBy, k)).scope).toBe('keyword.operator.logical.spl');
    for (const k of ['OR', 'AND', 'NOT'])
      expect((await scopeOf(SEARCHES.orAndNot, k)).scope).toBe('keyword.operator.logical.spl');
    expect((await scopeOf(SEARCHES.inList, 'IN')).scope).toBe('keyword.operator.logical.spl');
  });

  it('keeps a pipe inside a quoted string as string, not a pipe', async () => {
    const toks = await scopes(SEARCHES.quotedPipe);
    const inString = toks.find((t) => t.text.includes('whoami | findstr'));
    expect(inString?.scope).toBe('string.quoted.double.spl');
    expect(toks.filter((t) => t.scope === 'keyword.operator.pipe.spl')).toHaveLength(1);
  });

  it('scopes escapes inside strings', async () => {
    const toks = await scopes(SEARCHES.rexEscapes);
    expect(toks.some((t) => t.scope === 'constant.character.escape.spl' && t.text === '\\\\')).toBe(true);
  });

  it('scopes field names and comparison operators', async () => {
    expect((await scopeOf(SEARCHES.timechart, 'status')).scope).toBe('variable.other.field.spl');
    expect((await scopeOf(SEARCHES.timechart, '>=')).scope).toBe('keyword.operator.comparison.spl');
    expect((await scopeOf(SEARCHES.fromDatamodelRisk, 'starthoursago')).scope).toBe('variable.other.field.spl');
  });

  it('treats everything inside ``` as a comment, even macros and pipes', async () => {
    const toks = await scopes(SEARCHES.comment);
    const c = toks.filter((t) => t.all.includes('comment.block.spl'));
    expect(c.map((t) => t.text).join('')).toBe('```the `count_in_window` macro is not used | here```');
    expect(c.every((t) => t.scope === 'comment.block.spl')).toBe(true);
  });

  it('scopes subsearches with their own commands, nested', async () => {
    const toks = await scopes(SEARCHES.nestedSubsearch);
    const inputlookup = toks.find((t) => t.text === 'inputlookup');
    expect(inputlookup?.scope).toBe('entity.name.function.command.spl');
    expect(inputlookup?.all.filter((s) => s === 'meta.subsearch.spl')).toHaveLength(2);
  });

  it('scopes $tokens$ (with dots) and the original-search placeholder', async () => {
    expect((await scopeOf(SEARCHES.tokens, '$dest$')).scope).toBe('variable.other.token.spl');
    expect((await scopeOf(SEARCHES.tokenDots, '$userIdentity.arn$')).scope).toBe('variable.other.token.spl');
    expect((await scopeOf(SEARCHES.tokens, '%original_detection_search%')).scope).toBe(
      'variable.language.placeholder.spl',
    );
  });

  it('scopes numbers', async () => {
    expect((await scopeOf(SEARCHES.inList, '4720')).scope).toBe('constant.numeric.spl');
  });

  it('handles a 180-pipe search and pathological input quickly', async () => {
    const t0 = performance.now();
    await highlight(LONG, 'spl');
    await highlight('"'.repeat(10000), 'spl');
    const nested = await highlight('['.repeat(5000) + ']'.repeat(5000), 'spl');
    await highlight('`'.repeat(9999), 'spl');
    expect(performance.now() - t0).toBeLessThan(5000);
    // Too deep to tokenize: shown as escaped plain text, still complete.
    expect(nested).toContain('['.repeat(100));
  });
});

describe('highlight()', () => {
  it('escapes HTML in the code', async () => {
    const html = await highlight(SEARCHES.htmlChars, 'spl');
    expect(html).not.toContain('<script>');
    expect(html).toContain('&#x3C;script>');
  });

  it('emits dual-theme colours as classes (src/styles/shiki-palette.css), never style attributes', async () => {
    const html = await highlight(SEARCHES.statsBy, 'spl');
    expect(html).toMatch(/^<pre class="shiki[^"]*"/);
    expect(html).toMatch(/<span class="cl-[0-9a-f]{6} cd-[0-9a-f]{6}">/);
    expect(html).not.toContain('style=');
  });

  it('memoizes identical requests', async () => {
    const a = highlight(SEARCHES.inList, 'spl');
    const b = highlight(SEARCHES.inList, 'spl');
    expect(a).toBe(b);
  });

  it('highlights YAML and JSON too', async () => {
    expect(await highlight('name: x\nid: 1', 'yaml')).toContain('class="line"');
    expect(await highlight('{"a": 1}', 'json')).toContain('class="line"');
  });
});
