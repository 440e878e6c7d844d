import type { APIRoute } from 'astro';
import { catalog } from '../../build/session.ts';
import { csv } from '../../domain/export/csv.ts';
import { href, paths } from '../../domain/urls/index.ts';

export const DETECTION_CSV_COLUMNS = [
  'id',
  'name',
  'folder',
  'type',
  'status',
  'created',
  'updated',
  'techniques',
  'tactics',
  'stories',
  'data_sources',
  'risk_score',
  'severity',
  'url',
];

export const GET: APIRoute = async ({ site }) => {
  const c = await catalog();
  const rows = c.detections.map((d) => {
    const f = c.refs.get(d.id)!;
    return [
      d.id,
      d.name,
      d.folder,
      d.type,
      d.status,
      d.created ?? '',
      d.date ?? '',
      d.mitreIds,
      f.tactics.map((t) => t.name),
      d.stories,
      d.dataSources,
      d.riskScore ?? '',
      d.severity ?? '',
      new URL(href(paths.detection(d)), site).href,
    ];
  });
  return new Response(csv(DETECTION_CSV_COLUMNS, rows), { headers: { 'Content-Type': 'text/csv; charset=utf-8' } });
};
