import * as path from 'node:path';
import { loadApache } from '../apache/load-all';
import type { ApacheModel } from '../apache/model';
import { explainApacheRequest, type ApacheExplanation } from '../apache/request/evaluate';
import { predictionAndNotesLines } from './explain-text';
import { describeApacheScope, type ApacheScope } from '../apache/scopes';
import type { PathResolver } from '../fs/rooted-paths';
import type { PlatformChoice } from '../htpasswd/platform';
import { parseRequestUrl } from '../http/uri';
import type { ApachePlaced } from '../apache/config-tree';
import { VERSION } from '../version';

/** Explain one request against an Apache configuration (apache2.conf / httpd.conf). */
export function explainApache(input: {
  mainConfig: string;
  url: string;
  method: string;
  client?: string;
  credentials?: { user: string; password: string };
  resolver: PathResolver;
  platform: PlatformChoice;
}): { explanation: ApacheExplanation; model: ApacheModel; syntaxErrors: number } | { error: string } {
  const run = loadApache([{ diskPath: input.mainConfig, kind: 'apache', explicit: true }], input.resolver);
  const model = run.models.find((m) => m.config.isMain);
  if (!model) return { error: `${input.mainConfig}: cannot be read` };
  const url = parseRequestUrl(input.url);
  if (!url) return { error: `${input.url}: not an http:// or https:// URL` };
  const explanation = explainApacheRequest(
    { model, resolver: input.resolver, platform: input.platform },
    { host: url.host, port: url.port, uri: url.uri, args: url.args, scheme: url.scheme, method: input.method, client: input.client, credentials: input.credentials },
  );
  return { explanation, model, syntaxErrors: run.files.reduce((n, f) => n + f.parse.errors.length, 0) };
}

const at = (placed: ApachePlaced | undefined) => (placed ? { file: placed.file.diskPath, line: placed.directive.range.start.line } : null);

/** The same JSON shape as for nginx: server is the <VirtualHost>, location the most specific section applied. */
export function apacheExplanationJson(e: ApacheExplanation, model: ApacheModel, withCredentials: boolean): unknown {
  const specific = [...e.sections].reverse().find((s) => s.section && s.kind !== 'vhost');
  const userFile = e.auth.authUserFile ? model.fileState(e.auth.authUserFile.args[0]) : undefined;
  const basic = Boolean(e.auth.authType && e.auth.authType.args[0]?.toLowerCase() === 'basic' && e.auth.requires.some((r) => /^(valid-user|user|group)$/i.test(r.args[0] ?? '')));
  return {
    formatVersion: 1,
    tool: { name: 'authlint', version: VERSION },
    serverKind: 'apache',
    server: e.vhost?.section ? at(e.vhost.section) : { file: model.config.entry.diskPath, line: 1 },
    location: specific?.section ? at(specific.section) : null,
    auth: {
      basic,
      realm: e.auth.authName ? { value: e.auth.authName.args[0] ?? null, ...at(e.auth.authName) } : null,
      userFile: e.auth.authUserFile ? { value: e.auth.authUserFile.args[0], path: userFile?.serverPath ?? null, state: userFile?.kind ?? null, ...at(e.auth.authUserFile) } : null,
      satisfy: 'any',
      access: e.auth.requires.map((r) => ({ rule: `${r.directive.name} ${r.args.join(' ')}`, ...at(r) })),
      authRequest: null,
      limitExcept: null,
    },
    predicted: {
      anonymous: e.predicted.anonymous,
      wrongCredentials: e.predicted.wrongCredentials,
      ...(withCredentials && e.predicted.credentials ? { credentials: e.predicted.credentials } : {}),
    },
    uri: e.uri,
    sections: e.sections.filter((s) => s.section || s.kind === 'htaccess').map((s) => ({ section: describeApacheScope(s), ...(s.section ? at(s.section) : { file: s.path, line: null }) })),
    notes: e.notes,
  };
}

function where(scope: ApacheScope, cwd: string): string {
  if (!scope.section) return scope.kind === 'htaccess' ? `${scope.path}/.htaccess` : 'the server config';
  return `${path.relative(cwd, scope.section.file.diskPath) || scope.section.file.diskPath}:${scope.section.directive.range.start.line}`;
}

export function apacheExplanationText(e: ApacheExplanation, cwd: string): string {
  const out: string[] = [];
  out.push(`virtual host: ${e.vhost ? `${describeApacheScope(e.vhost)} at ${where(e.vhost, cwd)}` : 'the main server'}`);
  out.push(`              ${e.vhostWhy}`);
  out.push(`URI:          ${e.uri}${e.filePath ? ` → ${e.filePath}` : ''}`);
  out.push('sections, in the order Apache merges them:');
  for (const s of e.sections) if (s.section || s.kind === 'htaccess') out.push(`  ${describeApacheScope(s)} (${where(s, cwd)})`);
  out.push('auth:');
  const d = (label: string, p: ApachePlaced | undefined) => out.push(`  ${label.padEnd(13)} ${p ? `${p.args.join(' ')} (${path.relative(cwd, p.file.diskPath)}:${p.directive.range.start.line})` : 'not set'}`);
  d('AuthType', e.auth.authType);
  d('AuthName', e.auth.authName);
  d('AuthUserFile', e.auth.authUserFile);
  for (const r of e.auth.requires) out.push(`  ${'Require'.padEnd(13)} ${r.args.join(' ')} (${path.relative(cwd, r.file.diskPath)}:${r.directive.range.start.line})`);
  out.push(...predictionAndNotesLines(e.predicted, e.notes));
  return out.join('\n') + '\n';
}
