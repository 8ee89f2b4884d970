import { fileUnreadable } from './generic/file-unreadable';
import { pathOutsideRoot } from './generic/path-outside-root';
import { limitReached } from './generic/limit-reached';
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
import { authBasicOffLiteral } from './nginx/auth-basic-off-literal';
import { authBasicOffOpensSubtree } from './nginx/auth-basic-off-opens-subtree';
import { authFilePathFromRequest } from './nginx/auth-file-path-from-request';
import { authFileRelativePath } from './nginx/auth-file-relative-path';
import { authFileUnreadable } from './nginx/auth-file-unreadable';
import { authInIf } from './nginx/auth-in-if';
import { authBasicInsideAuthRequestTarget, authRequest401WithoutChallenge, authRequestUnexpectedStatus } from './nginx/auth-request-target';
import { basicAuthOverPlainHttp } from './nginx/basic-auth-over-plain-http';
import { conflictingServerShadowsProtectedServer } from './nginx/conflicting-server-shadows-protected-server';
import { denyAllWithSatisfyAll } from './nginx/deny-all-with-satisfy-all';
import { duplicateOrMalformedDirective } from './nginx/duplicate-or-malformed-directive';
import { directiveContext } from './nginx/directive-context';
import { unknownDirective } from './nginx/unknown-directive';
import { proxyPassUriNotAllowed } from './nginx/proxy-pass-uri-not-allowed';
import { errorPage401ChangesStatus, errorPage401InsideProtectedArea } from './nginx/error-page-401';
import { htpasswdInsideWebRoot } from './nginx/htpasswd-inside-web-root';
import { includeScopeMistake } from './nginx/include-scope-mistake';
import { limitExceptInverted } from './nginx/limit-except-inverted';
import { protectedOnOneListenerOnly } from './nginx/protected-on-one-listener-only';
import { proxyForwardsClientAuthorization } from './nginx/proxy-authorization';
import { realipSpoofBypass } from './nginx/realip-spoof-bypass';
import { realmQuoteInjection } from './nginx/realm-quote-injection';
import { regexLocationBypass } from './nginx/regex-location-bypass';
import { returnOrRewriteBeforeAuth } from './nginx/return-or-rewrite-before-auth';
import { satisfyAnyAllowBypass } from './nginx/satisfy-any-allow-bypass';
import { serverLevelAuthBlocksServicePaths } from './nginx/server-level-auth-blocks-service-paths';
import { siblingLocationNotProtected } from './nginx/sibling-location-not-protected';
import { userFileWithoutAuthBasic } from './nginx/user-file-without-auth-basic';
import { apacheSyntax } from './apache/syntax';
import { apacheUnknownDirective } from './apache/unknown-directive';
import { apacheUnknownProvider } from './apache/unknown-provider';
import { apacheIncludeCycle, apacheIncludeMissing } from './apache/include-missing';
import { htaccessAuthconfigNotAllowed, htaccessIgnoredAllowOverrideNone } from './apache/htaccess-override';
import { authtypeWithoutRequire, missingAuthname, missingAuthuserfile } from './apache/auth-completeness';
import { apacheAuthFileMissing, authuserfileRelativeToServerroot } from './apache/auth-file';
import { authWrappedInIfmodule, requiredModuleMissing } from './apache/modules';
import { requireAllGrantedWithValidUser } from './apache/require-logic';
import { authnameQuoting, childSectionOrHtaccessReplacesAuth, directoryWithUrlPath, errordocument401, limitLeavesMethodsOpen, locationOverridesDirectoryAuth, mixedAccessCompatAndRequire, negativeRequireOnly } from './apache/structure';
import { digestBasicMismatch, groupFileProblems, proxyBypassesDirectoryAuth } from './apache/groups-digest-proxy';
import { apacheBasicAuthOverPlainHttp, apacheProxyForwardsAuthorization, htpasswdInsideDocroot, requireUserMismatch } from './apache/files-and-proxy';
import type { Rule, RuleMeta } from '../engine/rule';
import { INVALID_SUPPRESSION, UNUSED_SUPPRESSION } from '../engine/suppressions';

/** Every rule authlint runs, in the order their findings are produced. */
export const RULES: readonly Rule[] = [
  syntax,
  includeMissing,
  includeCycle,
  siteNotEnabled,
  fileUnreadable,
  pathOutsideRoot,
  limitReached,
  duplicateOrMalformedDirective,
  unknownDirective,
  directiveContext,
  proxyPassUriNotAllowed,
  authInIf,
  // What nginx does with requests: where protection is missing, bypassed or broken.
  authBasicWithoutUserFile,
  userFileWithoutAuthBasic,
  authBasicOffLiteral,
  authBasicOffOpensSubtree,
  authFileMissing,
  authFileUnreadable,
  authFileRelativePath,
  authFilePathFromRequest,
  regexLocationBypass,
  siblingLocationNotProtected,
  returnOrRewriteBeforeAuth,
  limitExceptInverted,
  satisfyAnyAllowBypass,
  realipSpoofBypass,
  denyAllWithSatisfyAll,
  authBasicInsideAuthRequestTarget,
  authRequestUnexpectedStatus,
  authRequest401WithoutChallenge,
  errorPage401ChangesStatus,
  errorPage401InsideProtectedArea,
  proxyForwardsClientAuthorization,
  htpasswdInsideWebRoot,
  conflictingServerShadowsProtectedServer,
  protectedOnOneListenerOnly,
  basicAuthOverPlainHttp,
  serverLevelAuthBlocksServicePaths,
  realmQuoteInjection,
  includeScopeMistake,
  // Apache httpd and .htaccess.
  apacheSyntax,
  apacheUnknownDirective,
  apacheUnknownProvider,
  apacheIncludeMissing,
  apacheIncludeCycle,
  requiredModuleMissing,
  authWrappedInIfmodule,
  htaccessIgnoredAllowOverrideNone,
  htaccessAuthconfigNotAllowed,
  authtypeWithoutRequire,
  requireAllGrantedWithValidUser,
  missingAuthname,
  missingAuthuserfile,
  apacheAuthFileMissing,
  authuserfileRelativeToServerroot,
  authnameQuoting,
  negativeRequireOnly,
  limitLeavesMethodsOpen,
  locationOverridesDirectoryAuth,
  childSectionOrHtaccessReplacesAuth,
  directoryWithUrlPath,
  mixedAccessCompatAndRequire,
  requireUserMismatch,
  errordocument401,
  htpasswdInsideDocroot,
  apacheProxyForwardsAuthorization,
  apacheBasicAuthOverPlainHttp,
  proxyBypassesDirectoryAuth,
  groupFileProblems,
  digestBasicMismatch,
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

/** Every finding id authlint can report: the rules', and the engine's own about suppressions. */
export const RULE_METAS: readonly RuleMeta[] = [...RULES.map((rule) => rule.meta), UNUSED_SUPPRESSION, INVALID_SUPPRESSION];

export function findRuleMeta(id: string): RuleMeta | undefined {
  return RULE_METAS.find((meta) => meta.id === id);
}
