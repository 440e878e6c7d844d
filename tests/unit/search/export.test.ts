import { describe, expect, it } from 'vitest';
import { csv } from '../../../src/domain/export/csv';
import { csvRecords, selectCsv, selectJson } from '../../../src/domain/search/export';

const text = csv(
  ['id', 'name', 'stories'],
  [
    ['a-1', 'Plain', 'One'],
    ['b-2', 'Has, comma and "quotes"', 'Two; Three'],
    ['c-3', 'Line\nbreak', '=cmd'],
  ],
);

describe('download selection', () => {
  it('splits records without breaking quoted commas, quotes or line breaks', () => {
    expect(csvRecords(text)).toEqual([
      'id,name,stories',
      'a-1,Plain,One',
      'b-2,"Has, comma and ""quotes""",Two; Three',
      `c-3,"Line\nbreak",'=cmd`,
    ]);
  });

  it('keeps the header and the selected rows in rank order, dropping unknown ids', () => {
    expect(selectCsv(text, ['c-3', 'zz', 'a-1'])).toBe(
      `id,name,stories\r\nc-3,"Line\nbreak",'=cmd\r\na-1,Plain,One\r\n`,
    );
    expect(selectCsv(text, [])).toBe('id,name,stories\r\n');
  });

  it('selects API objects in rank order', () => {
    const data = {
      detections: [
        { id: 'a-1', n: 1 },
        { id: 'b-2', n: 2 },
      ],
    };
    expect(JSON.parse(selectJson(data, ['b-2', 'a-1', 'x']))).toEqual({
      detections: [
        { id: 'b-2', n: 2 },
        { id: 'a-1', n: 1 },
      ],
    });
  });
});
