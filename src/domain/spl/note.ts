import { formatSearch } from './format.ts';
import { describeCommands, describeInvisible, riskyCommands, splRisks } from './risky.ts';

/** What a page says next to a search's Try in Splunk link; null when there is nothing to say. */
export interface SearchNote {
  /** `This search writes to a lookup (outputlookup).` */
  commands: string | null;
  /** `It contains invisible characters at line 2, column 12 (U+202E …).` */
  invisible: string | null;
}

/**
 * The note for a search as the page shows it: commands from the search and from its macros
 * expanded (`expanded`), invisible characters with their line and column in the formatted
 * search the page displays.
 */
export function searchNote(raw: string, expanded?: string): SearchNote | null {
  const seen = new Set<string>();
  const commands = [...riskyCommands(raw), ...(expanded && expanded !== raw ? riskyCommands(expanded) : [])].filter(
    (c) => !seen.has(c.command) && seen.add(c.command),
  );
  const inv = splRisks(formatSearch(raw));
  if (commands.length === 0 && inv.invisibleCount === 0) return null;
  return {
    commands: commands.length
      ? `This search ${describeCommands(commands)}. Try in Splunk runs it in your Splunk, as you: read it first.`
      : null,
    invisible: inv.invisibleCount
      ? `${commands.length ? 'It also contains' : 'This search contains'} invisible or bidi characters at ${describeInvisible(inv)}: the text shown is not exactly what runs.`
      : null,
  };
}
