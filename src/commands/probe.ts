import * as fs from 'node:fs';
import * as path from 'node:path';
import { PathResolver } from '../fs/rooted-paths';
import { choosePlatform } from '../htpasswd/platform';
import { runProbe, type Prediction, type ProbeResult } from '../probe/run-probe';
import { explain } from './explain';
import { explainApache } from './explain-apache';

export interface ProbeCommandInput {
  readonly url: string;
  readonly method: string;
  readonly headers: readonly string[];
  readonly origin?: string;
  readonly credentials?: { user: string; password: string };
  readonly bearer?: string;
  readonly config?: string;
  readonly root?: string;
  readonly resolve: readonly string[];
  readonly insecure: boolean;
  readonly timeoutSeconds: number;
  readonly maxRedirects: number;
}

export class ProbeUsageError extends Error {}

/** Check the command line's values, then probe; the prediction comes from `explain` on --config. */
export async function probeCommand(input: ProbeCommandInput): Promise<ProbeResult> {
  let url: URL;
  try {
    url = new URL(input.url);
  } catch {
    throw new ProbeUsageError(`${input.url}: not a URL (for example https://shop.example.com/admin/)`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new ProbeUsageError(`${input.url}: only http:// and https:// URLs can be probed`);
  if (url.username || url.password) throw new ProbeUsageError('put no credentials in the URL (they would show in process lists and logs): use --user, which reads the password from standard input or asks for it');
  const headers: Record<string, string> = {};
  for (const header of input.headers) {
    const m = /^([A-Za-z0-9!#$%&'*+.^_`|~-]+):\s*(.*)$/.exec(header);
    if (!m || /[\r\n]/.test(m[2])) throw new ProbeUsageError(`--header ${JSON.stringify(header)}: expected 'Name: value' on one line`);
    if (/^authorization$/i.test(m[1])) throw new ProbeUsageError('--header Authorization: use --user or --bearer (they keep the secret off the command line)');
    headers[m[1]] = m[2];
  }
  const resolve = input.resolve.map((entry) => {
    const m = /^([^:]+):(\d+):(.+)$/.exec(entry);
    if (!m) throw new ProbeUsageError(`--resolve ${entry}: expected HOST:PORT:ADDRESS`);
    return { host: m[1], port: Number(m[2]), address: m[3].replace(/^\[|\]$/g, '') };
  });
  if (!(input.timeoutSeconds > 0)) throw new ProbeUsageError(`--timeout ${input.timeoutSeconds}: expected seconds greater than 0`);
  return runProbe({
    url: url.href,
    method: input.method.toUpperCase(),
    headers,
    ...(input.origin ? { origin: input.origin } : {}),
    ...(input.credentials ? { credentials: input.credentials } : {}),
    ...(input.bearer !== undefined ? { bearer: input.bearer } : {}),
    exchange: { timeoutMs: input.timeoutSeconds * 1000, insecure: input.insecure, resolve },
    maxRedirects: input.maxRedirects,
    ...(input.config ? { predict: () => predict(input, url.href) } : {}),
  });
}

/** What the configuration on disk says for the same request (the same model as `authlint explain`). */
function predict(input: ProbeCommandInput, url: string): Prediction | undefined {
  const resolver = new PathResolver(input.root);
  const platform = choosePlatform(resolver);
  const config = input.config as string;
  const isDir = fs.existsSync(config) && fs.statSync(config).isDirectory();
  const apacheMain = ['apache2.conf', 'httpd.conf', 'conf/httpd.conf'].map((name) => (isDir ? path.join(config, name) : '')).find((file) => file && fs.existsSync(file)) ?? (/(apache2|httpd)\.conf$/.test(config) ? config : undefined);
  const request = { url, method: input.method.toUpperCase(), credentials: input.credentials, resolver, platform };
  try {
    if (apacheMain && !(isDir && fs.existsSync(path.join(config, 'nginx.conf')))) {
      const result = explainApache({ mainConfig: apacheMain, ...request });
      if ('error' in result) return undefined;
      const vhost = result.explanation.vhost?.section;
      return { ...result.explanation.predicted, where: vhost ? `<VirtualHost ${vhost.args.join(' ')}> at ${vhost.file.diskPath}:${vhost.directive.range.start.line}` : `the main server of ${apacheMain}` };
    }
    const result = explain({ config, ...request });
    const server = result.explanation.server.server;
    const location = result.explanation.location?.block;
    const names = server?.names.filter(Boolean).join(' ') || '(no server_name)';
    const where = server?.scope.block ? `server ${names} at ${result.model.shownPath(server.scope.block.file)}:${server.scope.block.directive.range.start.line}${location ? `, location ${location.directive.args.map((a) => a.value).join(' ')}` : ''}` : 'no server block';
    return { ...result.explanation.predicted, where };
  } catch {
    return undefined;
  }
}
