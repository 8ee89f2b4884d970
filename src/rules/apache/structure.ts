import * as path from 'node:path';
import type { ApachePlaced } from '../../apache/config-tree';
import type { ApacheModel } from '../../apache/model';
import { conditionsOf, describeApacheScope, isAtOrBelow, own, requireContainer, walkApacheScopes, type ApacheScope } from '../../apache/scopes';
import type { Rule } from '../../engine/rule';
import { apacheCommands } from './common';

const USER_REQUIRE = /^(valid-user|user|group)$/i;
/** Methods that only read: leaving them open while writes need a password is a choice, not a hole. */
const READ_ONLY_METHODS: ReadonlySet<string> = new Set(['GET', 'HEAD', 'OPTIONS', 'PROPFIND', 'REPORT', 'TRACE']);
const isRequire = (d: ApachePlaced) => /^require$/i.test(d.directive.name);
const userRequires = (scope: ApacheScope) => scope.directives.filter((d) => isRequire(d) && USER_REQUIRE.test(d.args[0] ?? ''));
const nonUserRequires = (scope: ApacheScope) => scope.directives.filter((d) => isRequire(d) && !USER_REQUIRE.test(d.args[0] ?? '') && d.args[0]?.toLowerCase() !== 'not');
const header = (scope: ApacheScope) => scope.section!.directive.nameRange;
const mergesAnd = (scope: ApacheScope) => own(scope, 'AuthMerging').some((d) => /^(and|or)$/i.test(d.args[0] ?? ''));

/** Document roots and Alias targets: where URLs map to files. */
function webRoots(model: ApacheModel): { dir: string; url: string }[] {
  const out: { dir: string; url: string }[] = [];
  for (const scope of walkApacheScopes(model.root)) {
    for (const d of own(scope, 'DocumentRoot')) if (d.args[0]) out.push({ dir: d.args[0].replace(/\/+$/, ''), url: '/' });
    for (const d of own(scope, 'Alias')) if (d.args[0] && d.args[1]) out.push({ dir: d.args[1].replace(/\/+$/, ''), url: d.args[0] });
  }
  return out;
}

/** The URL prefix under which a directory is served, if any. */
function urlOf(model: ApacheModel, dir: string): string | undefined {
  for (const root of webRoots(model)) {
    if (!isAtOrBelow(dir, root.dir)) continue;
    const rest = dir.replace(/\/+$/, '').slice(root.dir.length);
    return (root.url.replace(/\/+$/, '') + rest + '/').replace(/\/{2,}/g, '/');
  }
  return undefined;
}

const protectedDirectories = (model: ApacheModel) =>
  [...walkApacheScopes(model.root), ...model.htaccess].filter((s) => (s.kind === 'directory' || s.kind === 'htaccess') && s.path && !/[*?[~]/.test(s.path) && userRequires(s).length > 0);

/** A13: Require inside <Limit>/<LimitExcept> leaves the other methods open. */
export const limitLeavesMethodsOpen: Rule = {
  meta: {
    id: 'apache/limit-leaves-methods-open',
    severity: 'error',
    description: 'Require valid-user inside <Limit> (or <LimitExcept>): every method not listed is served without a password.',
  },
  check(context) {
    for (const model of context.apache) {
      for (const scope of model.scopes()) {
        if ((scope.kind !== 'limit' && scope.kind !== 'limitexcept') || userRequires(scope).length === 0) continue;
        if (scope.parent && userRequires(scope.parent).length > 0) continue;
        const methods = scope.section!.args.map((m) => m.toUpperCase());
        // <LimitExcept GET HEAD …> around the password is the documented "public read,
        // authenticated write" setup: what stays open is read-only by design.
        if (scope.kind === 'limitexcept' && methods.every((m) => READ_ONLY_METHODS.has(m))) continue;
        const open = scope.kind === 'limit' ? `every method except ${methods.join(', ')} (POST, PUT, DELETE, …)` : `${methods.join(', ')}${methods.includes('GET') ? ' and HEAD' : ''}`;
        context.report({
          file: scope.section!.file,
          range: header(scope),
          chain: scope.section!.chain,
          message: `<${scope.section!.directive.name} ${methods.join(' ')}> asks for a password for ${scope.kind === 'limit' ? methods.join(', ') : 'the other methods'} only: ${open} ${scope.kind === 'limit' ? 'are' : 'is'} served without one`,
          fix: { snippet: '<RequireAll>\n    Require valid-user\n    Require method GET POST\n</RequireAll>', commands: apacheCommands(model) },
        });
      }
    }
  },
};

/** A14: a <Location> Require is merged after <Directory> and replaces its authorization. */
export const locationOverridesDirectoryAuth: Rule = {
  meta: {
    id: 'apache/location-overrides-directory-auth',
    severity: 'error',
    description: 'A <Location> with Require all granted (or ip/host) covers URLs of a password-protected <Directory>: Location is merged last and replaces the password requirement.',
  },
  check(context) {
    for (const model of context.apache) {
      const dirs = protectedDirectories(model);
      for (const loc of model.scopes()) {
        if ((loc.kind !== 'location' && loc.kind !== 'locationmatch') || !loc.path || mergesAnd(loc)) continue;
        const open = nonUserRequires(loc).find((r) => !(r.args[0]?.toLowerCase() === 'all' && r.args[1]?.toLowerCase() === 'denied'));
        if (!open || userRequires(loc).length > 0) continue;
        for (const dir of dirs) {
          const url = urlOf(model, dir.path as string);
          if (!url) continue;
          const covers = loc.kind === 'location' ? url.startsWith(loc.path.replace(/\/?$/, '/')) || loc.path === '/' : new RegExp(loc.path).test(url);
          if (!covers) continue;
          context.report({
            file: open.file,
            range: open.directive.range,
            chain: open.chain,
            message: `${describeApacheScope(loc)} "Require ${open.args.join(' ')}" is merged after ${describeApacheScope(dir)} and replaces its "Require valid-user": ${url} is served without a password (200)`,
            related: [{ file: (dir.section ?? userRequires(dir)[0]).file, range: (dir.section ?? userRequires(dir)[0]).directive.range, message: 'the password requirement it replaces' }],
            fix: { snippet: `# narrow the <Location>, or keep the password requirement there too:\n<Location "${loc.path}">\n    AuthMerging And\n</Location>`, commands: apacheCommands(model) },
          });
          break;
        }
      }
    }
  },
};

/** A15: a child <Directory> or .htaccess with its own Require replaces the parent's. */
export const childSectionOrHtaccessReplacesAuth: Rule = {
  meta: {
    id: 'apache/child-section-or-htaccess-replaces-auth',
    severity: 'error',
    description: 'A <Directory> or .htaccess below a password-protected directory has its own Require (all granted, ip…): it replaces the password requirement there.',
  },
  check(context) {
    for (const model of context.apache) {
      const dirs = protectedDirectories(model);
      for (const child of [...walkApacheScopes(model.root), ...model.htaccess]) {
        if ((child.kind !== 'directory' && child.kind !== 'htaccess') || !child.path || mergesAnd(child) || userRequires(child).length > 0) continue;
        if (child.kind === 'htaccess' && model.allowOverrideAnywhere(child.path).classes.has('none')) continue;
        const open = nonUserRequires(child).find((r) => !(r.args[0]?.toLowerCase() === 'all' && r.args[1]?.toLowerCase() === 'denied'));
        if (!open) continue;
        const parent = dirs.find((d) => d !== child && d.path !== child.path && isAtOrBelow(child.path as string, d.path as string));
        if (!parent) continue;
        context.report({
          file: open.file,
          range: open.directive.range,
          chain: open.chain,
          message: `${describeApacheScope(child)} has "Require ${open.args.join(' ')}", which replaces the "Require valid-user" of ${describeApacheScope(parent)} (AuthMerging Off): ${child.path}/ is served without a password`,
          fix: { snippet: 'AuthMerging And      # keep the parent\'s requirement as well', commands: apacheCommands(model) },
        });
      }
    }
  },
};

/** A16: <Directory> with a URL path (or a path that does not exist) never matches. */
export const directoryWithUrlPath: Rule = {
  meta: {
    id: 'apache/directory-with-url-path',
    severity: 'error',
    description: '<Directory> with auth names a path that is not a directory on the server (often a URL path like /admin): it never applies, and the content is public.',
  },
  check(context) {
    for (const model of context.apache) {
      if (!model.config.isMain) continue;
      for (const scope of walkApacheScopes(model.root)) {
        if (scope.kind !== 'directory' || !scope.path || /[*?[~]/.test(scope.path) || scope.section?.args[0] === '~') continue;
        if (userRequires(scope).length === 0) continue;
        const state = model.fileState(scope.path);
        if (state.kind !== 'missing') continue;
        // Is it a URL path whose files exist under a document root?
        const asUrl = webRoots(model).find((root) => root.url === '/' && model.fileState(path.posix.join(root.dir, scope.path as string)).kind === 'not-regular');
        context.report({
          file: scope.section!.file,
          range: scope.section!.directive.args[0].range,
          chain: scope.section!.chain,
          message: `<Directory ${scope.path}> names a directory that does not exist on the server, so it never applies${asUrl ? `; ${scope.path} looks like a URL path (the files are in ${path.posix.join(asUrl.dir, scope.path)}), which <Location> or the real directory would protect` : ''}: the content is served without a password`,
          fix: { snippet: asUrl ? `<Directory "${path.posix.join(asUrl.dir, scope.path)}">` : `<Location "${scope.path}">`, commands: apacheCommands(model) },
        });
      }
    }
  },
};

/** A19: 2.2-style Order/Allow/Deny/Satisfy mixed with Require. */
export const mixedAccessCompatAndRequire: Rule = {
  meta: {
    id: 'apache/mixed-access-compat-and-require',
    severity: 'warning',
    description: 'Order/Allow/Deny/Satisfy (mod_access_compat) next to Require: Satisfy Any lets allowed addresses skip the password (error); otherwise the mix is hard to predict.',
  },
  check(context) {
    for (const model of context.apache) {
      for (const scope of model.scopes()) {
        // The portable pattern — Require under <IfModule mod_authz_core.c>, Order/Deny under
        // <IfModule !mod_authz_core.c> — never has both in force: not a mix.
        const fallback = (d: ApachePlaced) => conditionsOf(d).some((c) => /^!(mod_authz_core\.c|authz_core_module)$/i.test(c));
        const compat = scope.directives.filter((d) => /^(order|allow|deny|satisfy)$/i.test(d.directive.name) && !fallback(d));
        if (compat.length === 0 || !scope.directives.some(isRequire)) continue;
        const satisfyAny = compat.find((d) => /^satisfy$/i.test(d.directive.name) && d.args[0]?.toLowerCase() === 'any');
        // "Order allow,deny / Allow from all" with no Deny and no Satisfy Any grants every client
        // in the access phase: Require alone decides, as the 2.2-era samples mean it.
        const grantsAll =
          !satisfyAny &&
          !compat.some((d) => /^deny$/i.test(d.directive.name)) &&
          compat.some((d) => /^allow$/i.test(d.directive.name) && d.args[0]?.toLowerCase() === 'from' && d.args[1]?.toLowerCase() === 'all') &&
          compat.filter((d) => /^order$/i.test(d.directive.name)).every((d) => /^allow,\s*deny$/i.test(d.args.join('')) || /^deny,\s*allow$/i.test(d.args.join('')));
        if (grantsAll) continue;
        const first = satisfyAny ?? compat[0];
        context.report({
          file: first.file,
          range: first.directive.range,
          chain: first.chain,
          ...(satisfyAny && compat.some((d) => /^allow$/i.test(d.directive.name)) ? { severity: 'error' as const } : {}),
          message: satisfyAny
            ? `Satisfy Any with Allow rules in ${describeApacheScope(scope)}: clients the Allow rules match get in without a password (200)`
            : `${describeApacheScope(scope)} mixes mod_access_compat (${compat.map((d) => d.directive.name).join(', ')}) with Require: Apache evaluates both, and a Deny (or an Order without Allow) answers 403 (AH01797) even with the right password`,
          fix: { snippet: '<RequireAll>\n    Require valid-user\n    Require ip 192.0.2.0/24\n</RequireAll>', commands: apacheCommands(model) },
        });
      }
    }
  },
};

/** A21: only negative Require lines: httpd -t fails. */
export const negativeRequireOnly: Rule = {
  meta: {
    id: 'apache/negative-require-only',
    severity: 'error',
    description: 'Only "Require not …" lines (outside <RequireAll>): httpd -t fails with "negative Require directive has no effect".',
  },
  check(context) {
    for (const model of context.apache) {
      for (const scope of model.scopes()) {
        const lines = scope.directives.filter((d) => isRequire(d) && !requireContainer(d));
        if (lines.length === 0 || !lines.every((d) => d.args[0]?.toLowerCase() === 'not')) continue;
        context.report({
          file: lines[0].file,
          range: lines[0].directive.range,
          chain: lines[0].chain,
          message: `"Require ${lines[0].args.join(' ')}" is the only requirement in ${describeApacheScope(scope)}: apachectl configtest fails with "negative Require directive has no effect in <RequireAny> directive"`,
          fix: { snippet: `<RequireAll>\n    Require valid-user\n    Require ${lines[0].args.join(' ')}\n</RequireAll>`, commands: apacheCommands(model) },
        });
      }
    }
  },
};

/** A22: AuthName with spaces but no quotes, or an expression. */
export const authnameQuoting: Rule = {
  meta: {
    id: 'apache/authname-quoting-and-expressions',
    severity: 'error',
    description: 'AuthName Restricted Area (two words, no quotes): httpd -t fails; %{…} in AuthName is an expression (warning).',
  },
  check(context) {
    for (const model of context.apache) {
      for (const scope of model.scopes()) {
        for (const d of own(scope, 'AuthName')) {
          if (d.directive.args.length > 1) {
            context.report({
              file: d.file,
              range: d.directive.range,
              chain: d.chain,
              message: `AuthName has ${d.directive.args.length} arguments: apachectl configtest fails with "AuthName takes one argument, the authentication realm (e.g. "Members Only")"; quote the realm`,
              fix: { snippet: `AuthName "${d.args.join(' ')}"`, commands: apacheCommands(model) },
            });
          } else if ((d.args[0] ?? '').includes('%{')) {
            context.report({
              file: d.file,
              range: d.directive.args[0].range,
              chain: d.chain,
              severity: 'warning',
              message: `AuthName ${d.directive.args[0].raw} is an expression since httpd 2.4.55: %{…} is evaluated per request (request data lands in the realm), and an unbalanced %{ stops the server from starting`,
            });
          }
        }
      }
    }
  },
};

/** A26: ErrorDocument 401 with a full URL is ignored. */
export const errordocument401: Rule = {
  meta: {
    id: 'apache/errordocument-401',
    severity: 'warning',
    description: 'ErrorDocument 401 with a full URL: Apache ignores it (AH00113), because a redirect would never let the browser prompt.',
  },
  check(context) {
    for (const model of context.apache) {
      for (const scope of model.scopes()) {
        for (const d of own(scope, 'ErrorDocument')) {
          if (d.args[0] !== '401' || !/^https?:\/\//i.test(d.args[1] ?? '')) continue;
          context.report({
            file: d.file,
            range: d.directive.range,
            chain: d.chain,
            message: `ErrorDocument 401 ${d.args[1]} is ignored: Apache logs AH00113 "cannot use a full URL in a 401 ErrorDocument directive --- ignoring!" at start-up (a redirect would never let the browser ask for a password)`,
            fix: { snippet: 'ErrorDocument 401 /errors/401.html', commands: apacheCommands(model) },
          });
        }
      }
    }
  },
};
