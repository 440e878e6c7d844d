import type { IFuseOptions } from 'fuse.js';

/**
 * Fuse settings shared by the index builder (build time) and the browser, so the precomputed
 * index always matches the options it is searched with. Names dominate; technique names and
 * stories come next; descriptions only break ties.
 */
export interface FuseDoc {
  name: string;
  techniques: string[];
  tactics: string[];
  stories: string[];
  dataSources: string[];
  cves: string[];
  type: string;
  author: string;
  description: string;
}

export const FUSE_KEYS = [
  { name: 'name', weight: 10 },
  { name: 'techniques', weight: 4 },
  { name: 'stories', weight: 4 },
  { name: 'dataSources', weight: 3 },
  { name: 'cves', weight: 3 },
  { name: 'tactics', weight: 2 },
  { name: 'type', weight: 1 },
  { name: 'author', weight: 1 },
  { name: 'description', weight: 1 },
];

export const FUSE_OPTIONS: IFuseOptions<FuseDoc> = {
  keys: FUSE_KEYS,
  includeScore: true,
  // Typos such as a missing letter stay within the threshold; location does not matter in names.
  threshold: 0.34,
  ignoreLocation: true,
  ignoreFieldNorm: false,
  minMatchCharLength: 2,
  shouldSort: true,
};
