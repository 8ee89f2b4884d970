import * as fs from 'node:fs';
import * as path from 'node:path';
import type { PathResolver } from '../fs/rooted-paths';
import type { PlatformChoice } from '../htpasswd/platform';
import type { Placed } from '../nginx/config-tree';
import { NginxLoader } from '../nginx/loader';
import { NginxModel } from '../nginx/model';
import { explainRequest, type Explanation } from '../nginx/request/evaluate';
import { predictionAndNotesLines } from './explain-text';
import { describeLocation, locationInfo } from '../nginx/request/locations';
import { parseRequestUrl } from '../http/uri';
import type { Scope } from '../nginx/scopes';
import { VERSION } from '../version';

export interface ExplainInput {
  /** A directory holding nginx.conf, or the main config file. */
  readonly config: string;
  readonly url: string;
  readonly method: string;
  readonly client?: string;
  /** What the auth_request service is assumed to answer (--auth-answer). */
  readonly authAnswer?: number;
  readonly credentials?: { user: string; password: string };
  readonly resolver: PathResolver;
  readonly platform: PlatformChoice;
}

export class ExplainError extends Error {}

/** Load the configuration as nginx would and explain one request against it. */
export function explain(input: ExplainInput): { explanation: Explanation; model: NginxModel; syntaxErrors: number } {
  let main = input.config;
  if (fs.existsSync(main) && fs.statSync(main).isDirectory()) main = path.join(main, 'nginx.conf');
  if (!fs.existsSync(main)) throw new ExplainError(`${input.config}: no nginx.conf there`);
  const loader = new NginxLoader(input.resolver);
  const source = loader.read(main, input.resolver.serverPathOf(main));
  if ('error' in source) throw new ExplainError(`${main}: ${source.error}`);
  const config = loader.load(source, { isMain: true, context: 'main' });
  const model = new NginxModel(config, input.resolver);
  const url = parseRequestUrl(input.url);
  if (!url) throw new ExplainError(`${input.url}: not an http:// or https:// URL`);
  const explanation = explainRequest(
    { model, resolver: input.resolver, platform: input.platform },
    { host: url.host, port: url.port, uri: url.uri, args: url.args, scheme: url.scheme, method: input.method, client: input.client, credentials: input.credentials, ...(input.authAnswer !== undefined ? { authAnswer: input.authAnswer } : {}) },
  );
  const syntaxErrors = loader.sourceFiles.reduce((n, file) => n + file.parse.errors.length, 0);
  return { explanation, model, syntaxErrors };
}


/** The documented JSON shape of `authlint explain --format json`. */
export function explanationJson(explanation: Explanation, model: NginxModel, withCredentials: boolean): unknown {
  const at = (placed: Placed | undefined) => (placed ? { file: model.shownPath(placed.file), line: placed.directive.range.start.line } : null);
  const scopeAt = (scope: Scope | undefined) => (scope?.block ? at(scope.block) : null);
  const auth = explanation.auth;
  const userFile = auth?.userFile ? model.userFileStates().get(auth.userFile.placed) : undefined;
  return {
    formatVersion: 1,
    tool: { name: 'authlint', version: VERSION },
    serverKind: 'nginx',
    server: scopeAt(explanation.server.server?.scope),
    location: scopeAt(explanation.location),
    auth: {
      basic: Boolean(auth?.realmOn && auth.userFile),
      realm: auth?.realm ? { value: auth.realm.placed.directive.args[0]?.value ?? null, ...at(auth.realm.placed) } : null,
      userFile: auth?.userFile
        ? { value: auth.userFile.placed.directive.args[0]?.value, path: userFile && 'serverPath' in userFile ? userFile.serverPath : null, state: userFile?.kind ?? null, ...at(auth.userFile.placed) }
        : null,
      satisfy: explanation.satisfy,
      access: explanation.accessRules.map((rule) => ({ rule: `${rule.directive.name} ${rule.directive.args.map((a) => a.value).join(' ')}`, ...at(rule) })),
      authRequest: explanation.authRequest ? { uri: explanation.authRequest.directive.args[0]?.value, ...at(explanation.authRequest) } : null,
      limitExcept: scopeAt(explanation.accessScope),
    },
    predicted: {
      anonymous: explanation.predicted.anonymous,
      wrongCredentials: explanation.predicted.wrongCredentials,
      ...(withCredentials && explanation.predicted.credentials ? { credentials: explanation.predicted.credentials } : {}),
    },
    uri: explanation.uri,
    rewrites: explanation.rewrites,
    notes: explanation.notes,
  };
}

function where(placed: Placed | undefined, cwd: string, model: NginxModel): string {
  if (!placed) return '';
  const shown = model.shownPath(placed.file);
  const file = shown !== placed.file.diskPath ? shown : path.relative(cwd, placed.file.diskPath) || placed.file.diskPath;
  return `${file}:${placed.directive.range.start.line}`;
}

export function explanationText(explanation: Explanation, model: NginxModel, cwd: string): string {
  const lines: string[] = [];
  const server = explanation.server.server;
  lines.push(`server:    ${server ? `${server.names.filter(Boolean).join(' ') || '(no server_name)'} at ${where(server.scope.block, cwd, model)}` : 'none'}`);
  lines.push(`           ${explanation.server.why}`);
  if (explanation.rewrites.length > 0) for (const step of explanation.rewrites) lines.push(`rewrite:   ${step}`);
  if (explanation.location) {
    lines.push(`location:  ${describeLocation(locationInfo(explanation.location))} at ${where(explanation.location.block, cwd, model)} (URI ${explanation.uri})`);
  } else lines.push(`location:  none (URI ${explanation.uri}): the server's own settings apply`);
  for (const step of explanation.locationChoice?.why ?? []) lines.push(`           ${step}`);
  const considered = explanation.locationChoice?.considered ?? [];
  if (considered.length > 0) {
    lines.push('           considered:');
    for (const item of considered) lines.push(`             ${item.matched ? '✓' : '·'} ${describeLocation(locationInfo(item.location))} (${where(item.location.block, cwd, model)}): ${item.note}`);
  }
  const auth = explanation.auth;
  lines.push('auth:');
  if (explanation.accessScope) lines.push(`  limit_except at ${where(explanation.accessScope.block, cwd, model)} applies to this method`);
  lines.push(`  auth_basic          ${auth?.realm ? `${auth.realm.placed.directive.args[0]?.raw} (${where(auth.realm.placed, cwd, model)})${auth.realmOn ? '' : ' — off'}` : 'not set (off)'}`);
  const state = auth?.userFile ? model.userFileStates().get(auth.userFile.placed) : undefined;
  const stateText = state ? (state.kind === 'file' ? 'exists' : state.kind === 'variable' ? 'has variables' : state.kind === 'outside-root' ? 'outside --root, not read' : state.kind) : '';
  lines.push(`  auth_basic_user_file ${auth?.userFile ? `${auth.userFile.placed.directive.args[0]?.value} (${where(auth.userFile.placed, cwd, model)})${state && 'serverPath' in state ? ` → ${state.serverPath}: ${stateText}` : ''}` : 'not set'}`);
  lines.push(`  satisfy             ${explanation.satisfy}`);
  for (const rule of explanation.accessRules) lines.push(`  ${rule.directive.name.padEnd(19)} ${rule.directive.args.map((a) => a.value).join(' ')} (${where(rule, cwd, model)})`);
  if (explanation.authRequest) lines.push(`  auth_request        ${explanation.authRequest.directive.args[0]?.value} (${where(explanation.authRequest, cwd, model)})`);
  lines.push(...predictionAndNotesLines(explanation.predicted, explanation.notes));
  return lines.join('\n') + '\n';
}
