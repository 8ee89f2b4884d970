import type { Options } from 'fast-glob';

type FastGlob = typeof import('fast-glob');
let fastGlob: FastGlob | undefined;

/**
 * fast-glob, loaded on first use: it costs about 25 ms of start-up, and the pre-commit case
 * (one site file, no glob include) never needs it.
 */
export function globSync(pattern: string, options: Options): string[] {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  fastGlob ??= require('fast-glob') as FastGlob;
  return fastGlob.sync(pattern, options);
}
