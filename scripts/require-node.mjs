#!/usr/bin/env node
// Run before every npm script that needs Astro's Node (see package.json). Plain JavaScript that
// any Node since 12 runs: its whole point is to speak when the Node on PATH is too old.
//
// The project pins Node 24 as the npm package `node`, whose install script downloads the binary.
// `npm install --ignore-scripts` (common in hardened CI) skips that, npm then runs scripts with
// the machine's own Node, and Astro stops with a message that does not say why. This says it in
// one line, with the command that fixes it, and exits 1.
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export const MIN = [22, 12, 0];

/**
 * Whether `version` (`v20.20.2` or `20.20.2`) is at least MIN.
 * @param {string} version
 * @returns {boolean}
 */
export function newEnough(version) {
  const v = String(version).replace(/^v/, '').split('.').map(Number);
  for (let i = 0; i < 3; i++) if ((v[i] || 0) !== MIN[i]) return (v[i] || 0) > MIN[i];
  return true;
}

/**
 * The one line to print, or null when this Node can run the project.
 * @param {string} version
 * @param {boolean} pinnedInstalled
 * @returns {string | null}
 */
export function nodeProblem(version, pinnedInstalled) {
  if (newEnough(version)) return null;
  const need = `Node ${version} is too old for Astro 7 (it needs ${MIN.join('.')} or later)`;
  return pinnedInstalled
    ? `${need}: run the project through npm (npm run build, npm test, …), which uses the pinned Node 24 in node_modules/.bin.`
    : `${need}, and the project's pinned Node 24 (the npm package "node") is not installed, as after \`npm install --ignore-scripts\`: run \`npm rebuild node\` once (it downloads the Node binary from the npm registry), or put Node 22.12 or later on PATH.`;
}

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  const problem = nodeProblem(process.version, existsSync(join(root, 'node_modules', 'node', 'bin', 'node')));
  if (problem) {
    console.error(problem);
    process.exit(1);
  }
}
