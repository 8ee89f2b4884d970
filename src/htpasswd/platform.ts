import type { PathResolver } from '../fs/rooted-paths';
import type { Platform } from './compatibility';

export interface PlatformChoice {
  readonly platform: Platform;
  /** Where the choice came from, for messages. */
  readonly source: string;
}

/**
 * The platform whose crypt() verifies hashes: given with --platform, else read from
 * /etc/os-release of the server (under --root, the tree's), else libxcrypt, which every
 * current mainstream distribution uses.
 */
export function choosePlatform(resolver: PathResolver, given?: Platform): PlatformChoice {
  if (given) return { platform: given, source: '--platform' };
  const location = resolver.toDisk('/etc/os-release');
  let text = '';
  if (location.ok && !location.missing) {
    const read = resolver.readText(location.diskPath, 64 * 1024);
    if (read.ok) text = read.text;
  }
  const field = (name: string): string => new RegExp(`^${name}="?([^"\\n]*)"?`, 'm').exec(text)?.[1] ?? '';
  const id = field('ID');
  const like = field('ID_LIKE');
  const version = parseFloat(field('VERSION_ID')) || 0;
  const pretty = field('PRETTY_NAME') || id;
  const detected = (platform: Platform): PlatformChoice => ({ platform, source: `/etc/os-release (${pretty})` });
  if (!id) return { platform: 'libxcrypt', source: 'the default (no /etc/os-release found)' };
  if (id === 'alpine') return detected('musl');
  if (id === 'debian') return detected(version > 0 && version <= 10 ? 'glibc-legacy' : 'libxcrypt');
  if (id === 'ubuntu') return detected(version > 0 && version < 20 ? 'glibc-legacy' : 'libxcrypt');
  if (id === 'amzn') return detected(version > 0 && version < 2023 ? 'glibc-legacy' : 'libxcrypt');
  if (['centos', 'rhel', 'ol', 'rocky', 'almalinux'].includes(id) || /rhel|centos/.test(like)) {
    return detected(version > 0 && version < 8 ? 'glibc-legacy' : 'libxcrypt');
  }
  return detected('libxcrypt');
}
