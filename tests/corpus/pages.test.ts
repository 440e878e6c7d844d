import { describe, expect, it } from 'vitest';
import { corpus, page } from './corpus';
import { resolveTechniques } from '../../src/domain/attack';

/** Visible text of a page: tags removed, entities decoded, whitespace folded. */
function text(html: string): string {
  return (
    html
      .replace(/<script[\s\S]*?<\/script>/g, ' ')
      .replace(/<style[\s\S]*?<\/style>/g, ' ')
      .replace(/<[^>]+>/g, '')
      // One pass, so text that itself contains an entity (`&gt;` in a search) is decoded once.
      .replace(/&(#x[0-9a-f]+|#\d+|lt|gt|quot|amp|apos);/gi, (_, e: string) =>
        e[0] === '#'
          ? String.fromCodePoint(e[1] === 'x' || e[1] === 'X' ? parseInt(e.slice(2), 16) : Number(e.slice(1)))
          : ({ lt: '<', gt: '>', quot: '"', amp: '&', apos: "'" } as Record<string, string>)[e.toLowerCase()],
      )
      .replace(/\s+/g, ' ')
  );
}
const fold = (s: string) => s.replace(/\s+/g, ' ').trim();
const squeeze = (s: string) => s.replace(/\s+/g, '');

describe('every corpus detection page shows every value of its YAML', () => {
  it('name, id, techniques, stories, references, drilldowns, risk objects and the search', () => {
    const missing: string[] = [];
    for (const d of corpus().detections) {
      const t = text(page(`${d.folder}/${d.id}`));
      const sq = squeeze(t);
      const need = (what: string, v: string) => {
        if (!t.includes(fold(v))) missing.push(`${d.filePath}: ${what} "${v.slice(0, 60)}"`);
      };
      need('name', d.name);
      need('id', d.id);
      for (const tech of resolveTechniques(d.mitreIds)) {
        need('technique id', tech.id);
        if (tech.name) need('technique name', tech.name);
      }
      for (const s of d.stories) need('story', s);
      for (const r of d.references) need('reference', r);
      for (const x of d.drilldowns) need('drilldown name', x.name);
      for (const r of d.rba?.riskObjects ?? []) need('risk object', r.field);
      for (const r of d.rba?.threatObjects ?? []) need('threat object', r.field);
      if (d.rba?.message) need('risk message', d.rba.message);
      if (!sq.includes(squeeze(d.search))) missing.push(`${d.filePath}: search`);
      // The source view: the file's text, kept out of the content store and put back by catalog().
      if (!sq.includes(squeeze(d.raw.slice(0, 400)))) missing.push(`${d.filePath}: source YAML`);
    }
    expect(missing.slice(0, 30)).toEqual([]);
  });
});

describe('deprecated detections lead somewhere', () => {
  it('link every replacement their text names that the catalog has, and else offer production ones', () => {
    const all = corpus().detections;
    const byName = new Map(all.map((d) => [d.name.trim().toLowerCase(), d]));
    const deprecated = all.filter((d) => d.status === 'deprecated');
    expect(deprecated.length).toBeGreaterThan(50);
    const missing: string[] = [];
    let named = 0;
    for (const d of deprecated) {
      const html = page(`${d.folder}/${d.id}`);
      // Every quoted name (the saved-search form unwrapped) that is a live detection must be linked.
      for (const m of `${d.description}\n${d.howToImplement}`.matchAll(/`([^`\n]+)`|"([^"\n]+)"/g)) {
        const name = (m[1] ?? m[2]).replace(/^\s*ESCU\s+-\s+/i, '').replace(/\s+-\s+Rule\s*$/i, '');
        const target = byName.get(name.trim().toLowerCase());
        if (!target || target.status === 'deprecated' || target.id === d.id) continue;
        named++;
        if (!html.includes(`href="/${target.folder}/${target.id}/"`)) missing.push(`${d.name} → ${target.name}`);
      }
      const t = text(html);
      expect(
        t.includes('Replaced by') || t.includes('Possible replacements') || t.includes('No replacement is named'),
      ).toBe(true);
    }
    expect(named).toBeGreaterThanOrEqual(8);
    expect(missing).toEqual([]);
  });
});
