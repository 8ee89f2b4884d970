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

export function firstOwn(scope: ApacheScope, ...names: string[]): ApachePlaced | undefined {
  const lower = names.map((n) => n.toLowerCase());
  return scope.directives.find((d) => lower.includes(d.directive.name.toLowerCase()));
}

export function argsText(placed: ApachePlaced): string {
  return [placed.directive.name, ...placed.directive.args.map((a) => a.raw)].join(' ');
}
