import { fileUnreadable } from './generic/file-unreadable';
import { pathOutsideRoot } from './generic/path-outside-root';
import { authBasicWithoutUserFile } from './nginx/auth-basic-without-user-file';
import { authFileMissing } from './nginx/auth-file-missing';
import { includeCycle } from './nginx/include-cycle';
import { includeMissing } from './nginx/include-missing';
import { siteNotEnabled } from './nginx/site-not-enabled';
import { syntax } from './nginx/syntax';
import type { Rule } from './rule';

/** Every rule authlint runs, in the order their findings are produced. */
export const RULES: readonly Rule[] = [
  syntax,
  includeMissing,
  includeCycle,
  siteNotEnabled,
  fileUnreadable,
  pathOutsideRoot,
  authBasicWithoutUserFile,
  authFileMissing,
];

export function findRule(id: string): Rule | undefined {
  return RULES.find((rule) => rule.meta.id === id);
}
