import type { ApachePlaced } from '../../apache/config-tree';
import type { ApacheModel } from '../../apache/model';
import type { ApacheScope } from '../../apache/scopes';

/** A per-directory file (.htaccess or another AccessFileName starting with .ht), read at request time. */
export function isHtaccessFile(file: { readonly serverPath: string }): boolean {
  return /(^|\/)\.ht[^/]*$/.test(file.serverPath);
}

/** Test then reload, for the layout the configuration comes from. */
export function apacheCommands(model: ApacheModel): string[] {
  return model.config.layout === 'rhel' ? ['httpd -t', 'systemctl reload httpd'] : ['apachectl configtest', 'systemctl reload apache2'];
}

export function isAuthSection(scope: ApacheScope): boolean {
  return scope.directives.some((d) => /^auth(type|name|userfile|basicprovider)$/i.test(d.directive.name));
}

/** The scopes that merge into `scope` for a request, outermost first (Directory chain and .htaccess for directories). */
export function mergeChain(model: ApacheModel, scope: ApacheScope): ApacheScope[] {
  const vhost = enclosingVhost(scope);
  if ((scope.kind === 'directory' && scope.path && !/[*?[~]/.test(scope.path)) || scope.kind === 'htaccess') {
    const dir = scope.path as string;
    const chain = model.scopesForDirectory(dir, vhost).filter((s) => s === scope || s.kind === 'directory' || s.kind === 'htaccess');
    if (vhost) chain.push(...model.directoryChain(dir, vhost).filter((s) => !chain.includes(s)));
    if (!chain.includes(scope)) chain.push(scope);
    // Shortest path first; at equal paths a <Directory> before the .htaccess of that directory.
    const depth = (s: ApacheScope) => (s.path ?? '').replace(/\/+$/, '').length * 2 + (s.kind === 'htaccess' ? 1 : 0);
    chain.sort((a, b) => depth(a) - depth(b));
    return [vhost ?? model.root, ...chain];
  }
  const up: ApacheScope[] = [];
  for (let level: ApacheScope | undefined = scope; level; level = level.parent) up.unshift(level);
  return up;
}

export function enclosingVhost(scope: ApacheScope): ApacheScope | undefined {
  for (let level: ApacheScope | undefined = scope; level; level = level.parent) if (level.kind === 'vhost') return level;
  return undefined;
}

export function firstOwn(scope: ApacheScope, ...names: string[]): ApachePlaced | undefined {
  const lower = names.map((n) => n.toLowerCase());
  return scope.directives.find((d) => lower.includes(d.directive.name.toLowerCase()));
}

export function argsText(placed: ApachePlaced): string {
  return [placed.directive.name, ...placed.directive.args.map((a) => a.raw)].join(' ');
}
