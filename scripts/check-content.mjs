#!/usr/bin/env node
// `npm run check:content [-- --sarif <file>]`: validate the content without building the site
// (src/build/check.ts). Node 24 runs the TypeScript sources as they are.
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { checkContent } from '../src/build/check.ts';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
process.exitCode = checkContent(root, process.argv.slice(2));
