import type { APIRoute } from 'astro';
import { href } from '../domain/urls/index.ts';

export const GET: APIRoute = ({ site }) =>
  new Response(`User-agent: *\nAllow: /\nSitemap: ${new URL(href('sitemap-index.xml'), site).href}\n`, {
    headers: { 'Content-Type': 'text/plain' },
  });
