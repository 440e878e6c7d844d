import type { APIRoute } from 'astro';
import { href } from '../domain/urls';

export const GET: APIRoute = ({ site }) =>
  new Response(`User-agent: *\nAllow: /\nSitemap: ${new URL(href('sitemap-index.xml'), site).href}\n`, { headers: { 'Content-Type': 'text/plain' } });
