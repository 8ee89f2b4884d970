import type { Range } from '../../core/position';
import type { LineIndex } from '../../core/position';

/** One word of a directive: its name or an argument. */
export interface NginxWord {
  /** The text as written, quotes included. */
  readonly raw: string;
  /** The value nginx sees: quotes removed, \" \' \\ \t \r \n translated. */
  readonly value: string;
  readonly quote: '"' | "'" | null;
  /** True for the body of a *_by_lua_block, kept verbatim. */
  readonly luaBlock?: boolean;
  readonly range: Range;
}

export interface NginxDirective {
  readonly type: 'directive';
  readonly name: string;
  readonly nameWord: NginxWord;
  readonly args: readonly NginxWord[];
  /** Present for block directives (`server { … }`); the block's nodes in order. */
  readonly block?: readonly NginxNode[];
  /** From the first character of the name to just past the `;` or the closing `}`. */
  readonly range: Range;
  /** Set when the directive was cut short by a syntax error (no `;` or no `}`). */
  readonly incomplete?: boolean;
}

export interface NginxComment {
  readonly type: 'comment';
  /** The text after `#`. */
  readonly text: string;
  readonly range: Range;
}

export type NginxNode = NginxDirective | NginxComment;

export interface NginxSyntaxError {
  /** nginx's own wording where nginx has one (`unexpected "}"`), else a plain description. */
  readonly message: string;
  /** What `nginx -t` prints for this mistake, when it differs from `message`. */
  readonly nginxMessage?: string;
  readonly range: Range;
}

export interface NginxParseResult {
  readonly nodes: readonly NginxNode[];
  readonly errors: readonly NginxSyntaxError[];
  readonly lines: LineIndex;
}

export function isDirective(node: NginxNode): node is NginxDirective {
  return node.type === 'directive';
}

/** Directives of a node list, comments skipped. */
export function directivesOf(nodes: readonly NginxNode[] | undefined): NginxDirective[] {
  return nodes ? nodes.filter(isDirective) : [];
}
