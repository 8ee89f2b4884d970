import * as fs from 'node:fs';
import * as path from 'node:path';
import fc from 'fast-check';
import { parseNginx } from '../src/parsers/nginx/parser';
import { CORPUS, listCorpusFiles, testCorpus } from './helpers/crossplane';
import type { NginxNode } from '../src/parsers/nginx/ast';

/** Characters that matter to the tokenizer, plus ordinary ones. */
const ALPHABET = ['{', '}', ';', '"', "'", '\\', '$', '#', ' ', '\t', '\n', '\r', '(', ')', 'a', 'z', '_', '/', '~', '*', '=', 'é', '\u{1F600}'];
const nginxish = fc.array(fc.constantFrom(...ALPHABET), { maxLength: 400 }).map((chars) => chars.join(''));

function checkInvariants(text: string): void {
  const result = parseNginx(text);
  for (const error of result.errors) {
    expect(error.message.length).toBeGreaterThan(0);
    expect(error.range.start.line).toBeGreaterThanOrEqual(1);
    expect(error.range.start.column).toBeGreaterThanOrEqual(1);
    expect(error.range.start.offset).toBeLessThanOrEqual(text.length);
    expect(error.range.end.offset).toBeGreaterThanOrEqual(error.range.start.offset);
  }
  const visit = (nodes: readonly NginxNode[]): void => {
    for (const node of nodes) {
      expect(node.range.end.offset).toBeGreaterThanOrEqual(node.range.start.offset);
      expect(node.range.end.offset).toBeLessThanOrEqual(text.length);
      if (node.type === 'directive') {
        for (const arg of [node.nameWord, ...node.args]) {
          // Every word's range covers exactly its raw text.
          expect(text.slice(arg.range.start.offset, arg.range.end.offset)).toBe(arg.raw);
        }
        if (node.block) visit(node.block);
      }
    }
  };
  visit(result.nodes);
}

const corpusTexts = listCorpusFiles(path.join(CORPUS, 'nginx'))
  .slice(0, 400)
  .map((rel) => fs.readFileSync(path.join(CORPUS, 'nginx', rel), 'utf8'))
  .filter((text) => text.length < 20_000);

describe('nginx parser never throws, never hangs, positions every error', () => {
  test('random tokenizer-heavy input', () => {
    fc.assert(fc.property(nginxish, (text) => checkInvariants(text)), { numRuns: 2000 });
  });

  testCorpus('corpus files with random cuts, insertions and deletions', () => {
    const mutation = fc.record({
      file: fc.nat({ max: corpusTexts.length - 1 }),
      at: fc.nat(),
      cut: fc.nat({ max: 40 }),
      insert: fc.array(fc.constantFrom(...ALPHABET), { maxLength: 8 }).map((c) => c.join('')),
      truncate: fc.boolean(),
    });
    fc.assert(
      fc.property(mutation, ({ file, at, cut, insert, truncate }) => {
        const text = corpusTexts[file];
        const position = text.length === 0 ? 0 : at % text.length;
        const mutated = truncate ? text.slice(0, position) : text.slice(0, position) + insert + text.slice(position + cut);
        checkInvariants(mutated);
      }),
      { numRuns: 1500 },
    );
  });

  test('pathological input stays linear: deep nesting and long unterminated strings', () => {
    checkInvariants('a {'.repeat(20_000));
    checkInvariants('}'.repeat(20_000));
    checkInvariants('x "' + 'a'.repeat(200_000));
    checkInvariants('content_by_lua_block {' + '{'.repeat(10_000));
  });
});
