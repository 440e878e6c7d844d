import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';

/**
 * Link integrity over a built site, from the files alone: every href and src that points inside
 * the site (under the base path) must resolve to a file. Returns the broken ones.
 */
export interface BrokenLink {
  page: string;
  url: string;
}

export function htmlFiles(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const p = join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.name.endsWith('.html')) out.push(p);
    }
  };
  walk(dir);
  return out;
}

// Attributes only inside tags: escaped text (code samples) can contain `src="…"` too.
const TAG_RE = /<[a-zA-Z][^>]*>/g;
const ATTR_RE = /\s(?:href|src)="([^"]*)"/g;

function decodeEntities(s: string): string {
  return s
    .replace(/&amp;/g, '&')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>');
}

export function resolvesTo(dir: string, pathname: string, base: string): boolean {
  if (!pathname.startsWith(base)) return false;
  let rel: string;
  try {
    rel = decodeURIComponent(pathname.slice(base.length));
  } catch {
    return false;
  }
  const p = join(dir, ...rel.split('/'));
  if (!p.startsWith(dir)) return false;
  if (existsSync(p) && statSync(p).isFile()) return true;
  return existsSync(join(p, 'index.html'));
}

export function crawl(
  dir: string,
  base = '/',
  origin = 'http://127.0.0.1:4321',
): { pages: number; links: number; broken: BrokenLink[] } {
  const files = htmlFiles(dir);
  const broken: BrokenLink[] = [];
  const checked = new Map<string, boolean>();
  let links = 0;
  for (const f of files) {
    const html = readFileSync(f, 'utf8');
    const pagePath = `${base}${relative(dir, f).split(sep).join('/')}`;
    for (const m of [...html.matchAll(TAG_RE)].flatMap((t) => [...t[0].matchAll(ATTR_RE)])) {
      const raw = decodeEntities(m[1]);
      if (!raw || raw.startsWith('#') || raw.startsWith('mailto:')) continue;
      let u: URL;
      try {
        u = new URL(raw, `${origin}${pagePath}`);
      } catch {
        broken.push({ page: pagePath, url: raw });
        continue;
      }
      if (u.origin !== origin) continue;
      links++;
      const key = u.pathname;
      if (!checked.has(key)) checked.set(key, resolvesTo(dir, key, base));
      if (!checked.get(key)) broken.push({ page: pagePath, url: raw });
    }
  }
  return { pages: files.length, links, broken };
}
