import type { NginxDirective, NginxNode, NginxParseResult, NginxWord } from './ast';
import { directiveSpec } from './directive-table';
import { NginxLexer } from './lexer';
import { exactArray } from '../../core/exact-array';

/** Blocks whose lines are data (`key value;`), not directives: no directive-name heuristics inside. */
/** Deeper nesting is skipped (and reported) so that hostile input cannot exhaust the stack. */
const MAX_DEPTH = 200;

const DATA_BLOCKS = new Set(['map', 'geo', 'types', 'split_clients', 'charset_map', 'match', 'upstream_conf']);

interface OpenBlock {
  readonly name: string;
  readonly openOffset: number;
}

/**
 * Parse one nginx configuration text into directives and comments with exact ranges.
 * Never throws: syntax errors are returned with their positions and parsing recovers
 * (a missing `;` before `}` ends the directive, a stray `}` is skipped, an unclosed block
 * is closed at end of file), so one mistake never hides the rest of the file.
 */
export function parseNginx(text: string): NginxParseResult {
  const lexer = new NginxLexer(text);
  const nodes = parseBlock(lexer, [], null);
  lexer.closeErrors();
  return { nodes, errors: lexer.errors, lines: lexer.lines };
}

function parseBlock(lexer: NginxLexer, stack: OpenBlock[], blockName: string | null): NginxNode[] {
  const nodes: NginxNode[] = [];
  let words: NginxWord[] = [];
  let startOffset = 0;
  let lastWordEnd = 0;
  const inDataBlock = blockName !== null && DATA_BLOCKS.has(blockName);

  const finish = (endOffset: number, incomplete: boolean, block?: NginxNode[]): void => {
    const nameWord = words[0];
    const name = nameWord.value;
    // A copy of its own size (exactArray): the word list grew by push.
    const args = words.slice(1);
    const range = lexer.range(startOffset, endOffset);
    // Two literal shapes rather than spreads: an object spread is a slow copy, once per directive.
    const directive: NginxDirective = block ? { type: 'directive', name, nameWord, args, block, range } : { type: 'directive', name, nameWord, args, range };
    if (incomplete) (directive as { incomplete?: boolean }).incomplete = true;
    nodes.push(directive);
    words = [];
  };

  for (;;) {
    const kind = lexer.next();
    const tokenStart = lexer.tokenStart;
    const tokenEnd = lexer.tokenEnd;
    switch (kind) {
      case 'comment':
        nodes.push({ type: 'comment', text: lexer.tokenText, range: lexer.range(tokenStart, tokenEnd) });
        break;
      case 'word': {
        const word = lexer.tokenWord as NginxWord;
        if (words.length > 0 && !inDataBlock && swallowsDirective(words, word, tokenStart, lexer.text, lastWordEnd)) {
          lexer.error(
            `missing ";" after ${words[words.length - 1].raw}`,
            lastWordEnd,
            lastWordEnd,
            `invalid number of arguments in "${words[0].value}" directive`,
          );
          finish(lastWordEnd, true);
        }
        if (words.length === 0) startOffset = tokenStart;
        words.push(word);
        lastWordEnd = tokenEnd;
        break;
      }
      case ';':
        if (words.length === 0) lexer.error('unexpected ";"', tokenStart, tokenEnd);
        else finish(tokenEnd, false);
        break;
      case '{': {
        if (words.length === 0) {
          // nginx: unexpected "{". Parse the block anyway so that its braces stay balanced.
          lexer.error('unexpected "{"', tokenStart, tokenEnd);
          parseBlock(lexer, [...stack, { name: '', openOffset: tokenStart }], '');
          break;
        }
        const name = words[0].value;
        if (name.endsWith('_by_lua_block')) {
          const body = lexer.luaBlockBody(tokenStart);
          words.push(body.word);
          finish(body.endOffset, !body.closed);
          break;
        }
        if (stack.length >= MAX_DEPTH) {
          lexer.error(`blocks nested more than ${MAX_DEPTH} levels deep; the contents of this one are skipped`, tokenStart, tokenEnd);
          finish(skipBlock(lexer) ?? lexer.text.length, true, []);
          break;
        }
        const inner = parseBlock(lexer, [...stack, { name, openOffset: tokenStart }], name);
        const closeEnd = lexer.lastBlockEnd;
        finish(closeEnd ?? lexer.text.length, closeEnd === undefined, inner);
        break;
      }
      case '}':
        if (words.length > 0) {
          // nginx: unexpected "}" — the directive before it has no ";".
          lexer.error('unexpected "}"', tokenStart, tokenEnd);
          finish(lastWordEnd, true);
        }
        if (stack.length === 0) {
          lexer.error('unexpected "}"', tokenStart, tokenEnd);
          break;
        }
        lexer.lastBlockEnd = tokenEnd;
        return exactArray(nodes);
      case 'eof':
        if (words.length > 0) {
          lexer.error('unexpected end of file, expecting ";" or "}"', tokenStart, tokenEnd);
          finish(lastWordEnd, true);
        }
        if (stack.length > 0 && !lexer.eofReported) {
          // Reported once, by the innermost open block, naming every block left open.
          lexer.eofReported = true;
          const open = [...stack].reverse().map((block) => {
            const line = lexer.lines.positionAt(block.openOffset).line;
            return `the ${block.name ? `"${block.name}" ` : ''}block opened at line ${line}`;
          });
          lexer.error(
            `unexpected end of file, expecting "}" (${open.join(' and ')} ${open.length === 1 ? 'is' : 'are'} not closed)`,
            tokenStart,
            tokenEnd,
            'unexpected end of file, expecting "}"',
          );
        }
        if (stack.length > 0) {
          lexer.lastBlockEnd = undefined;
        }
        return exactArray(nodes);
    }
  }
}

/** Skip to the `}` matching an already-read `{`, without recursion; its end offset, or undefined at end of file. */
function skipBlock(lexer: NginxLexer): number | undefined {
  let depth = 1;
  for (;;) {
    const kind = lexer.next();
    if (kind === 'eof') return undefined;
    if (kind === '{') depth++;
    if (kind === '}' && --depth === 0) return lexer.tokenEnd;
  }
}

/**
 * A missing ";" makes nginx read the next directive's name as one more argument. We call it
 * that when the word starts a new line, is the name of a stock directive, and the directive
 * being read already has all the arguments it can take (so nginx -t would refuse it).
 */
function swallowsDirective(words: NginxWord[], word: NginxWord, wordStart: number, text: string, lastWordEnd: number): boolean {
  if (word.quote !== null) return false;
  if (!text.slice(lastWordEnd, wordStart).includes('\n')) return false;
  const next = directiveSpec(word.value);
  const current = directiveSpec(words[0].value);
  if (!next || !current) return false;
  return words.length - 1 >= current.maxArgs;
}
