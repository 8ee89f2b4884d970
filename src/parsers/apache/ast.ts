import type { LineIndex, Range } from '../../core/position';

/** One word of an Apache directive, as ap_getword_conf reads it. */
export interface ApacheWord {
  /** As written, quotes included. */
  readonly raw: string;
  /** Quotes removed, \\ and \<quote> unescaped (as substring_conf does). */
  readonly value: string;
  readonly quote: '"' | "'" | null;
  readonly range: Range;
}

export interface ApacheDirective {
  readonly type: 'directive';
  /** As written; Apache compares directive names case-insensitively. */
  readonly name: string;
  readonly nameRange: Range;
  readonly args: readonly ApacheWord[];
  /** The whole logical line (continuations included), or for a section from `<` to its closing tag. */
  readonly range: Range;
  /** Sections (`<Directory …>`) have a body. */
  readonly section?: {
    readonly body: readonly ApacheNode[];
    /** The closing `</Name>` tag, absent when the section was never closed. */
    readonly closeRange?: Range;
  };
}

export interface ApacheComment {
  readonly type: 'comment';
  readonly text: string;
  readonly range: Range;
}

export type ApacheNode = ApacheDirective | ApacheComment;

export interface ApacheSyntaxError {
  readonly message: string;
  /** What `apachectl configtest` says, when it differs. */
  readonly apacheMessage?: string;
  readonly range: Range;
}

export interface ApacheParseResult {
  readonly nodes: readonly ApacheNode[];
  readonly errors: readonly ApacheSyntaxError[];
  readonly lines: LineIndex;
}

export function apacheDirectives(nodes: readonly ApacheNode[] | undefined): ApacheDirective[] {
  return nodes ? nodes.filter((node): node is ApacheDirective => node.type === 'directive') : [];
}

/** Apache directive and section names are case-insensitive. */
export function isNamed(directive: ApacheDirective, name: string): boolean {
  return directive.name.toLowerCase() === name.toLowerCase();
}
