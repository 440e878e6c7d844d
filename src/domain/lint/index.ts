import type { LoadedContent } from '../../content/load.ts';
import type { Problem } from '../../content/problems.ts';
import { boundsProblems } from './bounds.ts';
import { lintCatalog } from './lint.ts';
import { lintText } from './lint-text.ts';

/** Every check across loaded entries: the caps, the cross-reference lint and the text lint. */
export function checkContent(content: LoadedContent): Problem[] {
  return [...boundsProblems(content), ...lintCatalog(content), ...lintText(content)];
}
