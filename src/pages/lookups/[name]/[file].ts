import type { APIRoute, GetStaticPaths } from 'astro';
import { catalog, session } from '../../../build/session.ts';
import { readLookupFile } from '../../../content/lookup-file.ts';

/** Each lookup's CSV as a download, copied byte for byte from the content (src/content/lookup-file.ts). */
export const getStaticPaths = (async () => {
  const c = await catalog();
  return c.lookups.flatMap((l) =>
    l.download && l.filename
      ? [{ params: { name: l.slug, file: l.download.file }, props: { filename: l.filename } }]
      : [],
  );
}) satisfies GetStaticPaths;

export const GET: APIRoute = ({ props }) => {
  const read = readLookupFile(session().contentDir, (props as { filename: string }).filename);
  // The loader read this file whole a moment ago; a file changed or swapped for a link since
  // then stops the build rather than publish something no check has seen.
  if (!read.ok) throw new Error(`lookup CSV download: ${read.message}`);
  return new Response(new Uint8Array(read.bytes), { headers: { 'Content-Type': 'text/csv; charset=utf-8' } });
};
