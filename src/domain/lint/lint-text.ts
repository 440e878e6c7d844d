import type { Problem } from '../../content/problems.ts';
import type { KindLists } from '../../content/kinds.ts';
import { inspectLink, type LinkIssue } from '../urls/link.ts';
import { segments, paragraphs } from '../../lib/text/rich.ts';
import { CVE_RE, TECHNIQUE_RE } from '../search/query.ts';
import { buildDay, isFutureDate } from '../../lib/text/dates.ts';

/**
 * Checks that text stays what it looks like: links whose text or target could mislead, dates
 * in the future (they would pin an entry to the top of every "newest" list), and names that
 * read as an ATT&CK id or CVE (they would compete with that search). All warnings: the entry is
 * published, rendered safely (ExternalLink.astro, src/lib/text/dates.ts, the search engine).
 */
type Loaded = KindLists;

const LINK_REASON: Record<LinkIssue, string> = {
  'link-userinfo':
    'has a user name before "@", which reads like the host; the link is shown without it, with its real host',
  'link-idn-host': 'has a host in non-ASCII letters (look-alikes possible); its punycode host is shown next to it',
  'link-invisible': 'holds bidi or invisible characters; it is shown as text',
  'link-whitespace': 'holds a tab, line break or control character, which browsers drop silently; it is shown as text',
  'link-private-host': 'points at a loopback, private or local-network host; it is shown as text',
  'link-text-mismatch': 'is shown with a text naming another address; its real host is shown next to it',
};

export function lintText(cat: Loaded, today: string = buildDay()): Problem[] {
  const out: Problem[] = [];
  type E = { kind: string; filePath: string; name: string; id?: string | null; slug?: string };
  const warn = (e: E, code: string, field: string | null, message: string) =>
    out.push({
      severity: 'warning',
      code,
      file: e.filePath,
      line: null,
      column: null,
      field,
      message,
      entry: { kind: e.kind, key: e.slug ?? e.id ?? e.name, name: e.name },
    });
  const link = (e: E, field: string, url: string | null | undefined, text?: string | null) => {
    if (!url) return;
    for (const issue of new Set(inspectLink(url, text).issues))
      warn(e, issue, field, `link ${JSON.stringify(url.slice(0, 200))} ${LINK_REASON[issue]}`);
  };
  const textLinks = (e: E, field: string, text: string | null | undefined) => {
    if (!text || !/https?:\/\//i.test(text)) return;
    for (const p of paragraphs(text)) for (const s of segments(p)) if (s.type === 'link') link(e, field, s.href);
  };

  const all = [
    ...cat.detections,
    ...cat.stories,
    ...cat.macros,
    ...cat.lookups,
    ...cat.dataSources,
    ...cat.baselines,
    ...cat.investigations,
    ...cat.playbooks,
  ];
  for (const x of all) {
    const e: E = x;
    x.references.forEach((r, i) => link(e, `references[${i}]`, r));
    textLinks(e, 'description', x.description);
    if (x.date && isFutureDate(x.date, today)) {
      warn(
        e,
        'future-date',
        'date',
        `date ${x.date} is after the build day (${today}); the entry is listed after those with real dates`,
      );
    }
  }
  for (const d of cat.detections) {
    textLinks(d, 'how_to_implement', d.howToImplement);
    textLinks(d, 'known_false_positives', d.knownFalsePositives);
    d.tests.forEach((t, i) => t.attackData.forEach((a, k) => link(d, `tests[${i}].attack_data[${k}].data`, a.data)));
  }
  for (const s of cat.stories) {
    textLinks(s, 'narrative', s.narrative);
    const n = s.name.trim();
    if (TECHNIQUE_RE.test(n) || CVE_RE.test(n))
      warn(
        s,
        'name-like-id',
        'name',
        `story name "${n}" reads as an ATT&CK id or CVE; a search for it finds that id, not this story`,
      );
  }
  for (const ds of cat.dataSources) {
    link(ds, 'configuration', ds.configuration);
    ds.supportedTa.forEach((ta, i) => link(ds, `supported_TA[${i}].url`, ta.url, ta.name));
  }
  for (const b of [...cat.baselines, ...cat.investigations, ...cat.playbooks]) {
    textLinks(b, 'how_to_implement', b.howToImplement);
  }
  return out;
}
