import { describe, expect, it } from 'vitest';
import { announcedDate, buildDay, isFutureDate, recencyKey } from '../../../src/lib/text/dates';
import { feedItems } from '../../../src/domain/export/feed';
import type { Detection } from '../../../src/content/model';

describe('future dates', () => {
  it('allow one day of clock skew', () => {
    expect(isFutureDate('2025-06-02', '2025-06-01')).toBe(false);
    expect(isFutureDate('2025-06-03', '2025-06-01')).toBe(true);
    expect(isFutureDate('9999-12-31', '2025-06-01')).toBe(true);
    expect(buildDay(new Date('2025-06-01T23:59:00Z'))).toBe('2025-06-01');
  });

  it('sort after every real date and are announced as the build day', () => {
    expect(recencyKey('9999-12-31', '2025-06-01')).toBe('');
    expect(recencyKey('2025-05-01', '2025-06-01')).toBe('2025-05-01');
    expect(announcedDate('9999-12-31', '2025-06-01')).toBe('2025-06-01');
  });

  it('never make the first feed item', () => {
    const d = (name: string, date: string) =>
      ({
        name,
        date,
        id: name,
        version: 2,
        folder: 'endpoint',
        type: 'TTP',
        status: 'production',
        mitreIds: [],
        description: '',
      }) as unknown as Detection;
    const items = feedItems(
      [d('Real', '2025-05-01'), d('Future', '9999-12-31'), d('Older', '2024-01-01')],
      100,
      '2025-06-01',
    );
    expect(items.map((i) => i.title)).toEqual(['Updated: Real', 'Updated: Older', 'Updated: Future']);
    expect(items[2].pubDate.toISOString()).toBe('2025-06-01T00:00:00.000Z');
  });
});
