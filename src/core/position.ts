/**
 * Positions are 1-based lines and columns; columns count UTF-16 code units (as SARIF's
 * default columnKind does). A range's end is exclusive: it points just past the last character.
 */
export interface Position {
  readonly line: number;
  readonly column: number;
  /** 0-based index into the file's text. */
  readonly offset: number;
}

export interface Range {
  readonly start: Position;
  readonly end: Position;
}

/** Maps offsets of one text to line/column positions. Built once per file. */
export class LineIndex {
  private readonly lineStarts: number[] = [0];
  /** Line (0-based) of the last lookup: the lexer asks in increasing order, so start there. */
  private hint = 0;

  constructor(
    readonly text: string,
    /** The offsets where lines start, when the caller has found them already (0 first). */
    lineStarts?: number[],
  ) {
    if (lineStarts) {
      this.lineStarts = lineStarts;
      return;
    }
    for (let i = 0; i < text.length; i++) {
      if (text.charCodeAt(i) === 10) this.lineStarts.push(i + 1);
    }
  }

  positionAt(offset: number): Position {
    const clamped = Math.max(0, Math.min(offset, this.text.length));
    const starts = this.lineStarts;
    const hint = this.hint;
    if (starts[hint] <= clamped && (hint + 1 >= starts.length || clamped < starts[hint + 1])) {
      return { line: hint + 1, column: clamped - starts[hint] + 1, offset: clamped };
    }
    if (hint + 1 < starts.length && starts[hint + 1] <= clamped && (hint + 2 >= starts.length || clamped < starts[hint + 2])) {
      this.hint = hint + 1;
      return { line: hint + 2, column: clamped - starts[hint + 1] + 1, offset: clamped };
    }
    let low = 0;
    let high = this.lineStarts.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if (this.lineStarts[mid] <= clamped) low = mid;
      else high = mid - 1;
    }
    this.hint = low;
    return { line: low + 1, column: clamped - this.lineStarts[low] + 1, offset: clamped };
  }

  range(startOffset: number, endOffset: number): Range {
    return { start: this.positionAt(startOffset), end: this.positionAt(endOffset) };
  }

  /**
   * A range whose positions are made when first read. It keeps this index (and so the text)
   * alive: for trees that keep their text anyway, where most ranges are never read (the nginx
   * parser: a config of 10,000 server blocks has 120,000 directives).
   */
  lazyRange(startOffset: number, endOffset: number): Range {
    return new OffsetRange(this, startOffset, endOffset);
  }

  /** The text of a 1-based line, without its line terminator. */
  lineText(line: number): string {
    const start = this.lineStarts[line - 1];
    if (start === undefined) return '';
    const next = this.lineStarts[line];
    let end = next === undefined ? this.text.length : next - 1;
    if (end > start && this.text.charCodeAt(end - 1) === 13) end--;
    return this.text.slice(start, end);
  }

  get lineCount(): number {
    return this.lineStarts.length;
  }
}

/** See LineIndex.lazyRange. Serialises as a plain range. */
class OffsetRange implements Range {
  private startPosition: Position | undefined;
  private endPosition: Position | undefined;
  constructor(
    private readonly index: LineIndex,
    private readonly startOffset: number,
    private readonly endOffset: number,
  ) {}
  get start(): Position {
    return (this.startPosition ??= this.index.positionAt(this.startOffset));
  }
  get end(): Position {
    return (this.endPosition ??= this.index.positionAt(this.endOffset));
  }
  toJSON(): { start: Position; end: Position } {
    return { start: this.start, end: this.end };
  }
}
