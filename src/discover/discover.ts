import * as fs from 'node:fs';
import * as path from 'node:path';
import { describeFsError, isInside, readRegularFile } from '../fs/safe-read';
import { walkFiles } from '../fs/walk';
import { classify, strongEvidence, type FileKind } from './classify';
import { MAX_PASSWORD_FILE_BYTES } from '../htpasswd/windows';

export interface DiscoveredFile {
  readonly diskPath: string;
  readonly kind: FileKind;
  /** Named on the command line (not found by walking a directory). */
  readonly explicit: boolean;
}

export interface DiscoveryProblem {
  readonly diskPath: string;
  readonly message: string;
  /** The path named on the command line does not exist (a usage error, not a finding). */
  readonly missing?: true;
}

export interface Discovery {
  readonly files: DiscoveredFile[];
  /** Files named on the command line that authlint cannot lint, and paths that do not exist. */
  readonly problems: DiscoveryProblem[];
  /** How many files a configuration's ignore patterns left out. */
  readonly ignored: number;
}

const SNIFF_BYTES = 16 * 1024;
const MAX_FILE_BYTES = 8 * 1024 * 1024;
const SKIPPED_DIRS: ReadonlySet<string> = new Set(['node_modules', '.git', '.hg', '.svn']);
/** A directory walk of the command line's paths: how deep and how many entries, at the most. */
const WALK_LIMITS = { maxDepth: 16, maxEntries: 100_000 } as const;

export interface DiscoverOptions {
  /** Treat every file as this kind instead of classifying it. */
  readonly forcedKind?: FileKind;
  /** The --root directory's real path: files whose real path lies outside are not read. */
  readonly confine?: string;
  /** Files a configuration ignores: never read, never linted (explicit ones included). */
  readonly ignore?: (diskPath: string) => boolean;
}

/**
 * Turn the command line's paths into the files to lint. Directories are walked (bounded, links
 * not followed, special files never opened); each file is classified by name, place and the
 * first 16 KiB of its content. Unknown files found in a directory are skipped silently; unknown
 * files named explicitly are reported, and so is a walk that was cut short.
 */
export function discover(paths: readonly string[], options: DiscoverOptions = {}): Discovery {
  const files: DiscoveredFile[] = [];
  const problems: DiscoveryProblem[] = [];
  const seen = new Set<string>();
  let ignored = 0;
  const add = (diskPath: string, explicit: boolean): void => {
    const absolute = path.resolve(diskPath);
    if (seen.has(absolute)) return;
    seen.add(absolute);
    if (options.ignore?.(absolute)) {
      ignored++;
      return;
    }
    const head = readRegularFile(absolute, { maxBytes: SNIFF_BYTES, confine: options.confine });
    if (!head.ok) {
      if (explicit) problems.push({ diskPath: absolute, message: head.message, ...(head.code === 'ENOENT' ? { missing: true as const } : {}) });
      return;
    }
    const text = head.bytes.toString('utf8');
    const kind = options.forcedKind ?? classify(absolute, text);
    // A password file is read window by window, so it may be bigger than a config.
    const cap = kind === 'htpasswd' ? MAX_PASSWORD_FILE_BYTES : MAX_FILE_BYTES;
    if (head.stat.size > cap) {
      if (explicit) problems.push({ diskPath: absolute, message: `larger than ${cap} bytes; not linted` });
      return;
    }
    // A walk only takes what is a config beyond doubt: a syntax error in a shell script or an
    // XML file that merely looked like one is noise (authlint /etc).
    if (kind && !explicit && !options.forcedKind && !strongEvidence(kind, absolute, text)) return;
    if (kind) files.push({ diskPath: absolute, kind, explicit });
    else if (explicit) {
      problems.push({
        diskPath: absolute,
        message: 'not recognised as an nginx, Apache, .htaccess or htpasswd file; use --type to say which it is',
      });
    }
  };

  for (const given of paths) {
    const absolute = path.resolve(given);
    let stat: fs.Stats;
    try {
      stat = fs.statSync(absolute);
    } catch (error) {
      problems.push({ diskPath: absolute, message: describeFsError(error), ...((error as NodeJS.ErrnoException).code === 'ENOENT' ? { missing: true as const } : {}) });
      continue;
    }
    if (!stat.isDirectory()) {
      add(absolute, true);
      continue;
    }
    if (options.confine !== undefined && !isInside(options.confine, fs.realpathSync.native(absolute))) {
      problems.push({ diskPath: absolute, message: 'lies outside the --root directory; not read' });
      continue;
    }
    const walk = walkFiles(absolute, { ...WALK_LIMITS, followLinks: false, dot: true, skipDirs: SKIPPED_DIRS, confine: options.confine });
    for (const reason of walk.cutShort) problems.push({ diskPath: absolute, message: `directory walk cut short: ${reason}` });
    for (const entry of walk.files) add(path.join(absolute, entry), false);
  }
  return { files, problems, ignored };
}

