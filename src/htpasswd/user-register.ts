import type { Range } from '../core/position';
import type { Entry } from './views';

/** A user's first entry, as the duplicate check needs it after its window is gone. */
export interface SeenUser {
  readonly user: string;
  readonly line: number;
  readonly userRange: Range;
}

/**
 * The first entry of each user name met so far in a password file, across its windows. A file
 * of 1,000,000 users keeps one map entry per name and four numbers, not its entry objects:
 * positions live in typed arrays and names are copied out of the window's text (a slice of a
 * long name would keep the whole window alive).
 */
export class UserRegister {
  private readonly slots = new Map<string, number>();
  /** Names whose lower-case form differs, by that form: the first such spelling of each. */
  private readonly mixedCase = new Map<string, { readonly slot: number; readonly spelling: string }>();
  private count = 0;
  private lines = new Int32Array(1024);
  private columns = new Int32Array(2048);
  private offsets = new Float64Array(1024);

  /** The first entry of exactly this name. */
  first(user: string): SeenUser | undefined {
    const slot = this.slots.get(user);
    return slot === undefined ? undefined : this.seen(slot, user);
  }

  /**
   * The first entry whose name has this lower-case form, other than `except`'s (the entry just
   * added): the other spelling of a name that differs only in case.
   */
  firstSpelling(folded: string, except: Entry): SeenUser | undefined {
    // An entry is one line: the line number tells the entry just added from an earlier one.
    const mixed = this.mixedCase.get(folded);
    const lower = this.slots.get(folded);
    const candidates: [number, string][] = [];
    if (mixed && this.lines[mixed.slot] !== except.line.number) candidates.push([mixed.slot, mixed.spelling]);
    if (lower !== undefined && this.lines[lower] !== except.line.number) candidates.push([lower, folded]);
    if (candidates.length === 0) return undefined;
    const [slot, spelling] = candidates.reduce((a, b) => (b[0] < a[0] ? b : a));
    return this.seen(slot, spelling);
  }

  /** Record an entry whose name was not met before. */
  add(entry: Entry): void {
    const slot = this.count++;
    if (slot === this.lines.length) this.grow();
    const name = entry.user.length >= 13 ? (' ' + entry.user).slice(1) : entry.user;
    this.lines[slot] = entry.line.number;
    this.columns[2 * slot] = entry.userRange.start.column;
    this.columns[2 * slot + 1] = entry.userRange.end.column;
    this.offsets[slot] = entry.userRange.start.offset;
    this.slots.set(name, slot);
    const folded = name.toLowerCase();
    if (folded !== name && !this.mixedCase.has(folded)) this.mixedCase.set(folded, { slot, spelling: name });
  }

  private seen(slot: number, user: string): SeenUser {
    const line = this.lines[slot];
    const start = this.columns[2 * slot];
    const end = this.columns[2 * slot + 1];
    const offset = this.offsets[slot];
    return { user, line, userRange: { start: { line, column: start, offset }, end: { line, column: end, offset: offset + end - start } } };
  }

  private grow(): void {
    const size = this.lines.length * 2;
    const lines = new Int32Array(size);
    lines.set(this.lines);
    const columns = new Int32Array(2 * size);
    columns.set(this.columns);
    const offsets = new Float64Array(size);
    offsets.set(this.offsets);
    this.lines = lines;
    this.columns = columns;
    this.offsets = offsets;
  }
}
