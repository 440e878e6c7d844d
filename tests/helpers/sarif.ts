import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv from 'ajv-draft-04';
import addFormats from 'ajv-formats';

// The schema's language-tag pattern is not valid with the `u` flag, hence unicodeRegExp: false.
const SARIF_SCHEMA = JSON.parse(
  readFileSync(join(import.meta.dirname, '../fixtures/sarif/sarif-2.1.0-rtm.5.json'), 'utf8'),
) as object;

/** The SARIF 2.1.0 schema's verdict on `log`: its errors, none when valid. */
export function sarifErrors(log: unknown): string[] {
  const ajv = new Ajv({ allErrors: true, strict: false, unicodeRegExp: false });
  addFormats(ajv);
  const validate = ajv.compile(SARIF_SCHEMA);
  return validate(log) ? [] : (validate.errors ?? []).map((e) => `${e.instancePath} ${e.message}`);
}
