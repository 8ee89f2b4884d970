import * as fs from 'node:fs';
import { hasTemplatePlaceholder } from '../core/templates';
import { withConfPrefix, type PathResolver } from '../fs/rooted-paths';

/** What nginx would find when it opens an auth_basic_user_file. */
export type UserFileState =
  | { readonly kind: 'variable' }
  | { readonly kind: 'outside-root'; readonly serverPath: string; readonly reason: string }
  | { readonly kind: 'missing'; readonly serverPath: string; readonly diskPath: string }
  | { readonly kind: 'directory'; readonly serverPath: string; readonly diskPath: string }
  | { readonly kind: 'file'; readonly serverPath: string; readonly diskPath: string; readonly stat: fs.Stats }
  | { readonly kind: 'error'; readonly serverPath: string; readonly diskPath: string; readonly code: string };


export function locateUserFile(value: string, confPrefix: string, resolver: PathResolver): UserFileState {
  // A variable, or a template's placeholder: the path is only known at run or deploy time.
  if (value.includes('$') || hasTemplatePlaceholder(value)) return { kind: 'variable' };
  const serverPath = withConfPrefix(value, confPrefix);
  const location = resolver.toDisk(serverPath);
  if (!location.ok) return { kind: 'outside-root', serverPath, reason: location.reason };
  const diskPath = location.diskPath;
  try {
    const stat = fs.statSync(diskPath);
    if (stat.isDirectory()) return { kind: 'directory', serverPath, diskPath };
    return { kind: 'file', serverPath, diskPath, stat };
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'EIO';
    if (code === 'ENOENT') return { kind: 'missing', serverPath, diskPath };
    return { kind: 'error', serverPath, diskPath, code };
  }
}

