import { describe, expect, it } from 'vitest';
import { joinContinuations } from '../../../src/content/continuations';
import { blocks } from '../../../src/lib/text/rich';
import { loadCatalog } from '../../../src/domain/catalog/load';
import { OLD_DETECTION, STORY, validCorpus } from './samples';

describe('trailing backslash line continuations (contentctl template style)', () => {
  it('removes the backslash and the spaces around it; its line break ends the paragraph', () => {
    expect(joinContinuations('First paragraph. \\\nSecond paragraph.')).toBe('First paragraph.\n\nSecond paragraph.');
    expect(joinContinuations('First. \\\n\nSecond.')).toBe('First.\n\nSecond.');
    expect(joinContinuations('one \\  \r\ntwo')).toBe('one\n\ntwo');
    expect(joinContinuations('last line \\')).toBe('last line');
  });

  it('leaves other backslashes as text: inside a line, doubled, in paths', () => {
    for (const s of ['a single \\ character', 'C:\\Windows\\', 'ends with C:\\\\\nnext', 'a\\nb', 'no backslash'])
      expect(joinContinuations(s), s).toBe(s.endsWith('C:\\Windows\\') ? 'C:\\Windows' : s);
  });

  it("reads a story narrative and a detection's prose as contentctl writes them: separate paragraphs, no stray backslash", () => {
    // Single-quoted as contentctl's template writes it: a blank line after each `\`.
    const narrative = "narrative: 'The first paragraph ends here.\\\n\n  The second one\n  is wrapped.\\\n\n  - an item\\\n\n  The end.'";
    const story = STORY.replace(/^narrative: \|-\n( {2}.*\n|\n)*/m, `${narrative}\n`);
    const det = OLD_DETECTION.replace(
      /^description: .*$/m,
      'description: Finds a shell started inside a container. \\\n\n  It runs on Falco alerts.',
    ).replace(/^how_to_implement: .*$/m, 'how_to_implement: Send Falco alerts. \\\n\n  Then enable it.');
    const cat = loadCatalog(validCorpus(det, { 'stories/sample_story.yml': story }));
    expect(cat.problems.filter((p) => p.severity === 'error')).toEqual([]);
    const s = cat.stories[0];
    expect(s.narrative).not.toContain('\\');
    expect(blocks(s.narrative).map((b) => (b.type === 'p' ? b.text : b.items))).toEqual([
      'The first paragraph ends here.',
      'The second one is wrapped.',
      ['an item'],
      'The end.',
    ]);
    const d = cat.detections[0];
    expect(blocks(d.description)).toHaveLength(2);
    expect(d.description).toBe('Finds a shell started inside a container.\n\nIt runs on Falco alerts.');
    expect(d.howToImplement).toBe('Send Falco alerts.\n\nThen enable it.');
  });
});
