import { fileUnreadable } from './generic/file-unreadable';
import { pathOutsideRoot } from './generic/path-outside-root';
import { authBasicWithoutUserFile } from './nginx/auth-basic-without-user-file';
import { authFileMissing } from './nginx/auth-file-missing';
import { includeCycle } from './nginx/include-cycle';
import { includeMissing } from './nginx/include-missing';
import { siteNotEnabled } from './nginx/site-not-enabled';
import { syntax } from './nginx/syntax';
import { bcryptLowCost } from './htpasswd/bcrypt-low-cost';
import { desCrypt } from './htpasswd/des-crypt';
import { duplicateUser } from './htpasswd/duplicate-user';
import { emptyFile } from './htpasswd/empty-file';
import { emptyHash } from './htpasswd/empty-hash';
import { fileNotReadableByWorker, filePermissionsTooOpen, fileWrongOwner } from './htpasswd/file-permissions';
import { htdigestFileUsedForBasic } from './htpasswd/htdigest-file-used-for-basic';
import { invalidUsername } from './htpasswd/invalid-username';
import { libcDependentScheme } from './htpasswd/libc-dependent-scheme';
import { lineEndings } from './htpasswd/line-endings';
import { malformedHash } from './htpasswd/malformed-hash';
import { md5Based } from './htpasswd/md5-based';
import { missingColon } from './htpasswd/missing-colon';
import { overlongLineApache } from './htpasswd/overlong-line-apache';
import { plainScheme } from './htpasswd/plain-scheme';
import { plaintextPassword } from './htpasswd/plaintext-password';
import { ssha } from './htpasswd/ssha';
import { unsaltedSha1 } from './htpasswd/unsalted-sha1';
import { unsupportedScheme } from './htpasswd/unsupported-scheme';
import { utf8Bom } from './htpasswd/utf8-bom';
import { whitespaceInEntry } from './htpasswd/whitespace-in-entry';
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
  // Password files: the file as a whole, then its lines, then each hash.
  utf8Bom,
  emptyFile,
  lineEndings,
  htdigestFileUsedForBasic,
  overlongLineApache,
  missingColon,
  whitespaceInEntry,
  duplicateUser,
  invalidUsername,
  plaintextPassword,
  emptyHash,
  malformedHash,
  unsupportedScheme,
  libcDependentScheme,
  plainScheme,
  unsaltedSha1,
  ssha,
  desCrypt,
  md5Based,
  bcryptLowCost,
  filePermissionsTooOpen,
  fileNotReadableByWorker,
  fileWrongOwner,
];

export function findRule(id: string): Rule | undefined {
  return RULES.find((rule) => rule.meta.id === id);
}
