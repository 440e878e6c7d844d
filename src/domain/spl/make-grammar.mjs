// Source of spl.tmLanguage.json: written as JS so the regexes need no double escaping.
// Regenerate with: node src/domain/spl/make-grammar.mjs
import { writeFileSync } from 'node:fs';

const KEYWORDS = ['by', 'as', 'OR', 'AND', 'NOT', 'XOR', 'IN', 'over', 'output', 'outputnew', 'from', 'where', 'with'];
const grammar = {
  $schema: 'https://raw.githubusercontent.com/martinring/tmlanguage/master/tmlanguage.json',
  name: 'spl',
  scopeName: 'source.spl',
  fileTypes: ['spl'],
  patterns: [{ include: '#expression' }],
  repository: {
    expression: {
      patterns: [
        { include: '#comment' },
        { include: '#placeholder' },
        { include: '#macro' },
        { include: '#string' },
        { include: '#subsearch' },
        { include: '#pipe-command' },
        { include: '#leading-command' },
        { include: '#token' },
        { include: '#function' },
        { include: '#field-assignment' },
        { include: '#keyword' },
        { include: '#quoted-field' },
        { include: '#number' },
        { include: '#operator' },
      ],
    },
    comment: { name: 'comment.block.spl', begin: '```', end: '```' },
    placeholder: { name: 'variable.language.placeholder.spl', match: '%original_detection_search%' },
    macro: {
      name: 'meta.macro.spl',
      match: '(`)([^`\\s(]+)(?:(\\()([^`]*)(\\)))?(`)',
      captures: {
        1: { name: 'punctuation.definition.macro.spl' },
        2: { name: 'entity.name.function.macro.spl' },
        3: { name: 'punctuation.section.arguments.begin.spl' },
        4: { name: 'variable.parameter.macro.spl' },
        5: { name: 'punctuation.section.arguments.end.spl' },
        6: { name: 'punctuation.definition.macro.spl' },
      },
    },
    string: {
      name: 'string.quoted.double.spl',
      begin: '"',
      end: '"',
      patterns: [{ name: 'constant.character.escape.spl', match: '\\\\.' }, { include: '#token' }],
    },
    subsearch: {
      name: 'meta.subsearch.spl',
      begin: '\\[',
      end: '\\]',
      beginCaptures: { 0: { name: 'punctuation.section.subsearch.begin.spl' } },
      endCaptures: { 0: { name: 'punctuation.section.subsearch.end.spl' } },
      patterns: [{ include: '#expression' }],
    },
    'pipe-command': {
      match: '(\\|)\\s*([A-Za-z_][A-Za-z0-9_]*)?',
      captures: { 1: { name: 'keyword.operator.pipe.spl' }, 2: { name: 'entity.name.function.command.spl' } },
    },
    'leading-command': {
      match: '(?<=\\[)\\s*(search|inputlookup|tstats|makeresults|rest|metadata|from|datamodel|savedsearch|loadjob)\\b',
      captures: { 1: { name: 'entity.name.function.command.spl' } },
    },
    token: { name: 'variable.other.token.spl', match: '\\$[^\\s$"]+\\$' },
    function: {
      match: '\\b([A-Za-z_][A-Za-z0-9_]*)(?=\\()',
      captures: { 1: { name: 'support.function.spl' } },
    },
    'field-assignment': {
      match: '([A-Za-z_@][A-Za-z0-9_.{}:@-]*)\\s*(==|!=|<=|>=|=|<|>)',
      captures: { 1: { name: 'variable.other.field.spl' }, 2: { name: 'keyword.operator.comparison.spl' } },
    },
    keyword: {
      name: 'keyword.operator.logical.spl',
      match: `\\b(?i:${KEYWORDS.join('|')})\\b`,
    },
    'quoted-field': { name: 'variable.other.field.quoted.spl', match: "'[^'\\n]*'" },
    number: { name: 'constant.numeric.spl', match: '(?<![\\w.])-?\\d+(?:\\.\\d+)?(?![\\w.])' },
    operator: { name: 'keyword.operator.arithmetic.spl', match: '[+*/%]|(?<=\\s)-(?=\\s)|\\.(?=\\s)' },
  },
};
writeFileSync(new URL('./spl.tmLanguage.json', import.meta.url), `${JSON.stringify(grammar, null, 2)}\n`);
