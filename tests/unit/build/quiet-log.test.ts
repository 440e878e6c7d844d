import { describe, expect, it } from 'vitest';
import { classify, quietLog } from '../../../src/build/quiet-log';

/** A stand-in for process.stdout that records what reaches the terminal. */
function fakeStream() {
  const out: string[] = [];
  const stream = {
    write: (s: string, done?: () => void) => (out.push(s), done && setTimeout(done, 5), true),
  } as unknown as NodeJS.WriteStream;
  return { stream, text: () => out.join('') };
}

describe('quiet build log', () => {
  it("drops Astro's info and page lines, keeps warnings, errors, the closing lines and our own output", () => {
    expect(classify('07:31:46   ├─ /endpoint/x/index.html (+12ms) ')).toEqual({ kind: 'page', pages: 1 });
    expect(classify('07:31:46   ├─ /404.html07:31:46   ├─ /api/a.json07:31:46   └─ /api/b.csv')).toEqual({
      kind: 'page',
      pages: 3,
    });
    for (const l of [
      '07:31:45 [build] Building static entrypoints...',
      '07:31:46 [vite] ✓ built in 970ms',
      ' generating static routes ',
      ' (+143ms) ',
      '▶ src/pages/[folder]/[id].astro',
      '',
    ])
      expect(classify(l).kind, l).toBe('drop');
    for (const l of [
      '07:31:44 [WARN] [detection-catalog] SITE_URL is not set',
      '07:31:44 [ERROR] [vite] something broke',
      '07:32:32 [build] 126 page(s) built in 5.79s',
      '07:32:32 [build] Complete!',
      '07:31:45 [detection-catalog] loaded 49 files',
      'Content report: 0 errors, 3 warnings',
      '      1  warning risky-spl — search writes',
      '::error file=detections/a.yml,line=1::x',
      'Build stopped: fix the errors above',
    ])
      expect(classify(l).kind, l).toBe('keep');
  });

  it('counts pages written across chunks, and prints counts periodically outside a terminal', () => {
    const { stream, text } = fakeStream();
    let t = 0;
    const q = quietLog(stream, { tty: false, now: () => t });
    stream.write('07:31:46   ├─ /a/index.html');
    stream.write(
      ' (+1ms) \n07:31:46   └─ /b/index.html (+2ms) \n07:31:47 [build] Building\nContent report: 0 errors\n',
    );
    expect(q.pages()).toBe(2);
    expect(text()).toBe('Content report: 0 errors\n');
    t = 3000;
    q.restore();
    stream.write('after\n');
    expect(text()).toBe('Content report: 0 errors\nafter\n');
  });

  it("answers a write's callback only after the stream has written it (a flush before exiting)", async () => {
    const { stream, text } = fakeStream();
    const q = quietLog(stream, { tty: false });
    stream.write('::error file=a.yml::x\n');
    await new Promise<void>((done) => stream.write('', () => done()));
    expect(text()).toBe('::error file=a.yml::x\n');
    q.restore();
  });

  it('redraws one progress line on a terminal and clears it before a kept line', () => {
    const { stream, text } = fakeStream();
    let t = 0;
    const q = quietLog(stream, { tty: true, now: () => (t += 200) });
    stream.write('07:31:46   ├─ /a/index.html (+1ms) \n');
    stream.write('07:31:46   ├─ /b/index.html (+1ms) \n');
    stream.write('07:32:32 [build] Complete!\n');
    q.restore();
    expect(text()).toMatch(
      /^\r\x1b\[2Krendering: 1 files written \(\d+ s\)\r\x1b\[2Krendering: 2 files written \(\d+ s\)\r\x1b\[2K07:32:32 \[build\] Complete!\n$/,
    );
  });
});
