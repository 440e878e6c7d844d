/**
 * How to fix each problem code, in one or two plain sentences: the help text of the SARIF
 * rules (src/content/problem-formats.ts) and the table of docs/for-content-teams.md. A unit
 * test holds this table, CODE_LABELS and that document to the same codes.
 */
export const CODE_HELP: Record<string, string> = {
  'yaml-syntax':
    'The file is not valid YAML at the position given. Close the quote or bracket opened there, indent with spaces (never tabs), and quote values that start with a special character (`*`, `&`, `!`, `%`, `@`, a backquote).',
  'yaml-alias':
    'The file uses more YAML aliases (`*name`) than the limit: write the values out instead of repeating anchors.',
  'yaml-duplicate-key': 'The same key appears twice in one mapping: keep one of them.',
  encoding: 'Save the file as UTF-8 (no Latin-1 or UTF-16).',
  'file-too-large': 'Content files must be smaller than 8 MB: split the file or move data to a lookup.',
  'empty-file': 'The file holds no YAML: fill it in or delete it.',
  'not-a-mapping': 'A content file is a mapping of keys to values (`name: …`, `id: …`) at the top level.',
  'read-error': 'The file could not be read (permissions, or removed while the build ran): check it and build again.',
  schema:
    'A required field is missing or has the wrong type or format (UUID, YYYY-MM-DD date, list). The field and the expected value are named; see docs/content-format.md.',
  'duplicate-id': 'Two objects share an id: give the newer one a fresh UUID (`uuidgen`).',
  'duplicate-name': 'Two objects share a name: rename one of them.',
  'unknown-story': 'The analytic story named is not in stories/: fix the spelling or add the story.',
  'unknown-macro': 'The search calls a macro that is not in macros/: fix the name or add the macro.',
  'unknown-lookup': 'The search uses a lookup that is not in lookups/: fix the name or add the lookup.',
  'unknown-data-source': 'The data source named is not in data_sources/: fix the spelling or add it.',
  'unknown-detection': 'No detection has this name: fix the spelling or remove the reference.',
  'unknown-attack-id':
    'The ATT&CK id is not in the bundled ATT&CK data: check the id on attack.mitre.org (the data is refreshed with `npm run data:attack`).',
  'invalid-attack-id': 'ATT&CK ids look like T1059 or T1059.001: fix the id.',
  'revoked-attack-id': 'MITRE revoked this technique: map the detection to the technique that replaced it.',
  'deprecated-attack-id': 'MITRE deprecated this technique: map the detection to a current one.',
  'technique-with-subtechnique': 'List the sub-technique alone; its parent technique is implied.',
  'missing-filter-macro':
    'End the search with its filter macro, `<detection_name>_filter` in backquotes after a last pipe, as contentctl requires.',
  'name-too-long': 'Shorten the name to what contentctl allows.',
  'file-name-rule': 'Name the file after the object: its name in lower case with spaces as underscores, plus `.yml`.',
  'drilldowns-required': 'A production detection needs two drilldown searches: add them under `drilldown_searches`.',
  'tests-required': 'A production detection needs a test with attack data: add one under `tests`.',
  'rba-token-not-in-search':
    'A risk object, threat object or message `$token$` names a field the search does not produce: fix the field name or add it to the search.',
  'rba-required': 'TTP and Anomaly detections need risk objects: add an `rba` (or `tags.risk_objects`) section.',
  'non-http-reference': 'References must be http(s) links: fix or remove the reference.',
  'update-placeholder': 'Replace every `__UPDATE__` placeholder of the template with real text.',
  'deprecated-story-ref': 'Active content should not name a deprecated story: name its replacement.',
  'lookup-file-missing': 'The lookup names a CSV that is not in lookups/: add the file or fix `filename`.',
  'lookup-csv': 'The lookup CSV does not parse (uneven columns, bad quoting): fix the row named.',
  'invalid-value': 'The value is not one of the allowed values listed in the message: use one of them.',
  'ignored-file': 'The file is not where content is read from, or not a .yml file: move or rename it.',
  symlink: 'Symbolic links are never followed: commit the file itself instead of a link.',
  'special-file': 'Only regular files are read: remove the device, socket or pipe.',
  'expansion-too-large': 'The macro expansion is over the size cap: the page shows it cut short. Simplify the macros if this is not intended.',
  'drilldown-too-large': 'The drilldowns are too large with the search copied in: shorten them.',
  'lookup-too-large': 'The lookup CSV is over the size cap: the page shows only its first rows and offers no download.',
  'text-too-large': 'The text is too large to show completely: shorten it.',
  'duplicate-slug':
    'The URL or name is already taken by an earlier file (ignoring case and look-alike characters): rename the later object.',
  'reserved-name': "The name or folder is one of the site's own files (`api`, `feed.xml`, `index`…): rename it.",
  'invalid-folder': 'Detection folders are lower-case letters, digits, `_` and `-`: rename the folder.',
  'control-character': 'Invisible control characters were removed from the value: delete them from the file.',
  'link-userinfo': 'The link holds a user name that reads like a host (`https://trusted.com@evil.example`): write the real address.',
  'link-idn-host': 'The link goes to a non-ASCII host that can imitate another: check it and write the real address.',
  'link-invisible': 'The link holds bidi or invisible characters: retype it.',
  'link-whitespace': 'The link holds a tab, line break or control character: retype it on one line.',
  'link-private-host': 'The link points at a loopback or private-network host, which readers cannot reach: link a public page.',
  'link-text-mismatch': 'The link text names another address than the link goes to: make them the same.',
  'future-date': 'The date is after the build day: use the real date.',
  'name-like-id': 'The name reads as an ATT&CK id or CVE: rename it so searches for the id are not confused.',
  'risky-spl':
    'The search deletes, writes, sends or runs something, or reads credentials: make sure that is intended; the page warns readers beside Try in Splunk.',
  'invisible-in-search': 'The search holds invisible or bidi characters (Trojan Source): retype the search.',
};
