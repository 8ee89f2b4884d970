import type { Range } from '../core/position';
import type { Entry } from './views';

/** A user's first entry, as the duplicate check needs it after its window is gone. */
export interface SeenUser {
  readonly user: string;
  readonly line: number;
  readonly userRange: Range;
}

const EMPTY = 0;

/**
 * The first entry of each user name met so far in a password file, across its windows. A file
 * of 1,000,000 users would make a Map of a million strings, which the garbage collector walks
 * on every full collection (a second of a 7-second run, and ~60 MB): the names live in a
 * arena of code units (one byte each while every name is Latin-1, two after) and an open-addressing hash table of typed arrays instead, with four numbers
 * per name for its position — none of it is a JavaScript object.
 */
export class UserRegister {
  /** Hash table: slot + 1 of the name, 0 for empty. Kept under half full. */
  private table = new Int32Array(1 << 10);
  private arena: Uint8Array | Uint16Array = new Uint8Array(1 << 14);
  private arenaUsed = 0;
  private count = 0;
  private nameStart = new Int32Array(1 << 9);
  private nameLength = new Int32Array(1 << 9);
  private lines = new Int32Array(1 << 9);
  private columns = new Int32Array(1 << 10);
  // Offsets fit in 32 bits: a password file is at most 256 MiB.
  private offsets = new Int32Array(1 << 9);
  /** A per-run seed: a file cannot be made of names that all collide (probing would turn quadratic). */
  private readonly seed = (Math.random() * 0x100000000) >>> 0;
  /** Probes made and lookups asked: if names still pile up, a plain Map takes over. */
  private probes = 0;
  private asked = 0;
  private fallback: Map<string, number> | undefined;
  /** Names whose lower-case form differs, by that form: the first such spelling of each (rare: a plain Map). */
  private readonly mixedCase = new Map<string, { readonly slot: number; readonly spelling: string }>();

  /** The first entry of exactly this name. */
  first(user: string): SeenUser | undefined {
    const slot = this.find(user);
    return slot < 0 ? undefined : this.seen(slot, user);
  }

  /**
   * The first entry whose name has this lower-case form, other than `except` (the entry just
   * added): the other spelling of a name that differs only in case.
   */
  firstSpelling(folded: string, except: Entry): SeenUser | undefined {
    // An entry is one line: the line number tells the entry just added from an earlier one.
    const mixed = this.mixedCase.size > 0 ? this.mixedCase.get(folded) : undefined;
    // An all-lower-case name's own entry is the one just added: no lookup needed for it.
    const lower = folded === except.user ? -1 : this.find(folded);
    const candidates: [number, string][] = [];
    if (mixed && this.lines[mixed.slot] !== except.line.number) candidates.push([mixed.slot, mixed.spelling]);
    if (lower >= 0 && this.lines[lower] !== except.line.number) candidates.push([lower, folded]);
    if (candidates.length === 0) return undefined;
    const [slot, spelling] = candidates.reduce((a, b) => (b[0] < a[0] ? b : a));
    return this.seen(slot, spelling);
  }

  /** Record an entry whose name was not met before. */
  add(entry: Entry): void {
    const name = entry.user;
    if (2 * (this.count + 1) > this.table.length) this.rehash(this.table.length * 2);
    if (this.count === this.lines.length) this.growSlots();
    if (this.arena instanceof Uint8Array && !LATIN1.test(name)) this.arena = widened(this.arena);
    while (this.arenaUsed + name.length > this.arena.length) this.arena = grown(this.arena, this.arena.length * 2);
    const slot = this.count++;
    this.nameStart[slot] = this.arenaUsed;
    this.nameLength[slot] = name.length;
    for (let i = 0; i < name.length; i++) this.arena[this.arenaUsed + i] = name.charCodeAt(i);
    this.arenaUsed += name.length;
    this.lines[slot] = entry.line.number;
    this.columns[2 * slot] = entry.userRange.start.column;
    this.columns[2 * slot + 1] = entry.userRange.end.column;
    this.offsets[slot] = entry.userRange.start.offset;
    if (this.fallback) this.fallback.set(name, slot);
    else this.insert(slot, this.hashOf(name));
    const folded = name.toLowerCase();
    if (folded !== name && !this.mixedCase.has(folded)) this.mixedCase.set(folded, { slot, spelling: name });
  }

  private find(name: string): number {
    if (this.fallback) return this.fallback.get(name) ?? -1;
    this.asked++;
    const mask = this.table.length - 1;
    for (let i = this.hashOf(name) & mask; ; i = (i + 1) & mask) {
      this.probes++;
      const stored = this.table[i];
      if (stored === EMPTY) return -1;
      if (this.sameName(stored - 1, name)) return stored - 1;
      if (this.probes > 64 * this.asked + 100_000) return this.useMap(name);
    }
  }

  /** The safety valve: names that collide despite the seed are kept in a Map from here on. */
  private useMap(name: string): number {
    this.fallback = new Map();
    for (let slot = 0; slot < this.count; slot++) this.fallback.set(this.nameOf(slot), slot);
    return this.fallback.get(name) ?? -1;
  }

  /** A stored name back as a string, code unit for code unit (in pieces: a name can be megabytes long). */
  private nameOf(slot: number): string {
    const start = this.nameStart[slot];
    const end = start + this.nameLength[slot];
    let name = '';
    for (let from = start; from < end; from += 8192) name += String.fromCharCode(...this.arena.subarray(from, Math.min(end, from + 8192)));
    return name;
  }

  private sameName(slot: number, name: string): boolean {
    if (this.nameLength[slot] !== name.length) return false;
    const start = this.nameStart[slot];
    for (let i = 0; i < name.length; i++) if (this.arena[start + i] !== name.charCodeAt(i)) return false;
    return true;
  }

  private insert(slot: number, hash: number): void {
    const mask = this.table.length - 1;
    let i = hash & mask;
    while (this.table[i] !== EMPTY) {
      i = (i + 1) & mask;
      this.probes++;
    }
    this.table[i] = slot + 1;
  }

  private rehash(size: number): void {
    this.table = new Int32Array(size);
    if (this.fallback) return;
    for (let slot = 0; slot < this.count; slot++) {
      // The same hash as hashOf, over the stored code units (no string is made).
      let hash = (0x811c9dc5 ^ this.seed) >>> 0;
      const start = this.nameStart[slot];
      for (let i = 0; i < this.nameLength[slot]; i++) hash = Math.imul(hash ^ this.arena[start + i], 0x01000193);
      this.insert(slot, spread(hash));
    }
  }

  /** FNV-1a over UTF-16 code units from the seed, then murmur3's finaliser to spread the bits. */
  private hashOf(name: string): number {
    let hash = (0x811c9dc5 ^ this.seed) >>> 0;
    for (let i = 0; i < name.length; i++) hash = Math.imul(hash ^ name.charCodeAt(i), 0x01000193);
    return spread(hash);
  }

  private growSlots(): void {
    const size = this.lines.length * 2;
    this.nameStart = grown(this.nameStart, size);
    this.nameLength = grown(this.nameLength, size);
    this.lines = grown(this.lines, size);
    this.columns = grown(this.columns, 2 * size);
    this.offsets = grown(this.offsets, size);
  }

  private seen(slot: number, user: string): SeenUser {
    const line = this.lines[slot];
    const start = this.columns[2 * slot];
    const end = this.columns[2 * slot + 1];
    const offset = this.offsets[slot];
    return { user, line, userRange: { start: { line, column: start, offset }, end: { line, column: end, offset: offset + end - start } } };
  }
}

/** murmur3's finaliser: FNV's low bits (the table index) depend on every character. */
function spread(hash: number): number {
  hash ^= hash >>> 16;
  hash = Math.imul(hash, 0x85ebca6b);
  hash ^= hash >>> 13;
  hash = Math.imul(hash, 0xc2b2ae35);
  hash ^= hash >>> 16;
  return hash >>> 0;
}

/** Names made of code units below 256 fit the one-byte arena. */
const LATIN1 = /^[\u0000-\u00ff]*$/;

/** The arena as two bytes per unit, from the first name that needs it on. */
function widened(arena: Uint8Array): Uint16Array {
  const wide = new Uint16Array(arena.length);
  wide.set(arena);
  return wide;
}

function grown<T extends Int32Array | Uint16Array | Uint8Array>(array: T, size: number): T {
  const next = new (array.constructor as new (size: number) => T)(size);
  next.set(array);
  return next;
}
