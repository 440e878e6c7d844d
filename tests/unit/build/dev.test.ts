import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { devResponse, DevFeedback, errorPage } from '../../../src/build/dev';
import { loadCatalog } from '../../../src/domain/catalog/load';
import { OLD_DETECTION, validCorpus } from '../content/samples';

const FILE = 'detections/cloud/sample_shell_in_container.yml';
const PAGE = 'cloud/0b9f3c1e-5d2a-4c8e-9f61-2a7d3e4b5c60/';

describe('dev feedback', () => {
  it('prints each problem as it appears and a "fixed" line when it goes; maps the broken file to its page', () => {
    const dir = validCorpus();
    const dev = new DevFeedback(dir);
    expect(dev.observe(loadCatalog(dir))).toEqual([]);
    expect(dev.brokenPage(PAGE)).toBeNull();
    writeFileSync(join(dir, FILE), OLD_DETECTION.replace('type: Anomaly', "type: 'Anomaly"));
    const broken = loadCatalog(dir);
    expect(dev.observe(broken)).toEqual([
      `error ${FILE}:7:7: the quote opened here is never closed (Missing closing 'quote)`,
    ]);
    // The same load again says nothing.
    expect(dev.observe(broken)).toEqual([]);
    expect(dev.brokenPage(PAGE)).toMatchObject({ file: FILE, problems: [{ code: 'yaml-syntax', line: 7 }] });
    expect(dev.brokenPage(PAGE.slice(0, -1))).not.toBeNull();
    writeFileSync(join(dir, FILE), OLD_DETECTION);
    expect(dev.observe(loadCatalog(dir))).toEqual([
      `fixed error ${FILE}:7:7: the quote opened here is never closed (Missing closing 'quote)`,
    ]);
    expect(dev.brokenPage(PAGE)).toBeNull();
  });

  it('finds the page of a detection broken before the server started, by its id line', () => {
    const dir = validCorpus(OLD_DETECTION.replace('type: Anomaly', 'type: [Anomaly'));
    const dev = new DevFeedback(dir);
    const lines = dev.observe(loadCatalog(dir));
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(new RegExp(`^error ${FILE}:7:7: the \\[ opened here is never closed`));
    expect(dev.brokenPage(PAGE)?.file).toBe(FILE);
  });

  it('answers the broken page, the JSON and SARIF reports under the base path, and nothing else', () => {
    const dir = validCorpus(OLD_DETECTION.replace('type: Anomaly', 'type: "Anomaly'));
    const dev = new DevFeedback(dir);
    const cat = loadCatalog(dir);
    const content = () => (dev.observe(cat), cat);
    const page = devResponse(`/catalog/${PAGE}?x=1`, '/catalog/', dev, content, dir, dir, false);
    expect(page?.status).toBe(500);
    expect(page?.body).toContain(`${FILE}:7:7`);
    expect(page?.body).toContain('/catalog/@vite/client');
    const json = devResponse('/catalog/content-report.json', '/catalog/', dev, content, dir, dir, false);
    expect(JSON.parse(json!.body)).toMatchObject({ errors: 1, problems: [{ file: FILE, line: 7, column: 7 }] });
    const sarif = devResponse('/catalog/content-report.sarif', '/catalog/', dev, content, dir, dir, false);
    expect(JSON.parse(sarif!.body).version).toBe('2.1.0');
    expect(devResponse(`/${PAGE}`, '/catalog/', dev, content, dir, dir, false)).toBeNull();
    expect(devResponse('/catalog/stories/', '/catalog/', dev, content, dir, dir, false)).toBeNull();
  });

  it('shows an invalid (not unparseable) file with its field and reason on its page', () => {
    const dir = validCorpus();
    const dev = new DevFeedback(dir);
    dev.observe(loadCatalog(dir));
    writeFileSync(join(dir, FILE), OLD_DETECTION.replace('  confidence: 70', '  confidence: high'));
    const cat = loadCatalog(dir);
    const page = devResponse(`/${PAGE}`, '/', dev, () => (dev.observe(cat), cat), dir, dir, false);
    expect(page?.status).toBe(500);
    const line = OLD_DETECTION.split('\n').findIndex((l) => l.startsWith('  confidence')) + 1;
    expect(page?.body).toContain(`${FILE}:${line}:`);
    expect(page?.body).toContain('field <code>tags.confidence</code>');
    expect(page?.body).toContain('(schema)');
  });

  it('shows content as text, never as markup', () => {
    const html = errorPage(
      'detections/x/<img src=x onerror=alert(1)>.yml',
      [
        {
          severity: 'error',
          code: 'schema',
          file: 'f',
          line: 1,
          column: 3,
          field: 'a<b',
          message: '</li><script>x</script>',
          entry: null,
        },
      ],
      'na<script>me: x\n',
      '/',
    );
    expect(html).not.toContain('<img');
    expect(html).not.toContain('<script>x');
    expect(html).not.toContain('na<script>');
    expect(html).toContain('&lt;/li&gt;&lt;script&gt;x&lt;/script&gt;');
  });
});
