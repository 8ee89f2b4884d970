import type { Placed } from '../config-tree';
import type { Scope } from '../scopes';
import { walkScopes } from '../scopes';
import { compilePcre } from '../../http/pcre';

export interface Listen {
  /** `*` for every address. */
  readonly address: string;
  readonly port: number;
  readonly defaultServer: boolean;
  readonly ssl: boolean;
  readonly placed?: Placed;
}

export interface VirtualServer {
  readonly scope: Scope;
  readonly listens: readonly Listen[];
  /** server_name values, lower-cased (nginx compares host names case-insensitively). */
  readonly names: readonly string[];
}

/** `listen` as nginx reads it: address and port (a lone number is a port, a lone name an address on 80). */
export function parseListen(placed: Placed): Listen | undefined {
  const [first, ...flags] = placed.directive.args.map((arg) => arg.value);
  if (!first || first.startsWith('unix:')) return undefined;
  let address = '*';
  let port = 80;
  const v6 = /^\[([^\]]*)\](?::(\d+))?$/.exec(first);
  if (v6) {
    address = v6[1] === '::' ? '*' : v6[1];
    if (v6[2]) port = Number(v6[2]);
  } else if (/^\d+$/.test(first)) port = Number(first);
  else {
    const colon = first.lastIndexOf(':');
    if (colon >= 0) {
      address = first.slice(0, colon) || '*';
      port = Number(first.slice(colon + 1));
    } else address = first;
  }
  if (address === '0.0.0.0') address = '*';
  return {
    address,
    port,
    defaultServer: flags.includes('default_server') || flags.includes('default'),
    ssl: flags.includes('ssl') || flags.includes('quic'),
    placed,
  };
}

const serversOf = new WeakMap<readonly Scope[], readonly VirtualServer[]>();

/**
 * The server blocks of a scope tree with their listens and names, in config order. Remembered
 * per tree (scope trees do not change once built): five rules and explain ask for them.
 */
export function virtualServers(scopes: readonly Scope[]): readonly VirtualServer[] {
  const known = serversOf.get(scopes);
  if (known) return known;
  const servers: VirtualServer[] = [];
  for (const scope of walkScopes(scopes)) {
    if (scope.kind !== 'server') continue;
    const listens = scope.directives.filter((d) => d.directive.name === 'listen').map(parseListen).filter((l): l is Listen => l !== undefined);
    const names = scope.directives
      .filter((d) => d.directive.name === 'server_name')
      .flatMap((d) => d.directive.args.map((arg) => arg.value.toLowerCase()));
    servers.push({ scope, listens: listens.length > 0 ? listens : [{ address: '*', port: 80, defaultServer: false, ssl: false }], names: names.length > 0 ? names : [''] });
  }
  serversOf.set(scopes, servers);
  return servers;
}

export interface ServerChoice {
  readonly server?: VirtualServer;
  readonly why: string;
}

type NameMatch = { kind: 'exact' | 'leading' | 'trailing' | 'regex'; length: number; order: number };

function matchName(name: string, host: string, order: number): NameMatch | undefined {
  if (name.startsWith('~')) {
    const regex = compilePcre(name.slice(1), false);
    return regex?.test(host) ? { kind: 'regex', length: 0, order } : undefined;
  }
  if (name === host) return { kind: 'exact', length: name.length, order };
  if (name.startsWith('.')) {
    if (host === name.slice(1)) return { kind: 'exact', length: name.length, order };
    if (host.endsWith(name)) return { kind: 'leading', length: name.length, order };
  }
  if (name.startsWith('*.') && host.endsWith(name.slice(1))) return { kind: 'leading', length: name.length, order };
  if (name.endsWith('.*') && host.startsWith(name.slice(0, -1))) return { kind: 'trailing', length: name.length, order };
  return undefined;
}

const RANK = { exact: 0, leading: 1, trailing: 2, regex: 3 } as const;

/**
 * The server a request reaches, as nginx chooses: the servers listening on the port (on the
 * most specific address when the request's address is known), then the server_name — exact,
 * longest `*.` wildcard, longest `.*` wildcard, first regex — else the default_server, else the
 * first server on that address and port.
 */
export function selectServer(servers: readonly VirtualServer[], host: string, port: number, address?: string): ServerChoice {
  const onPort = servers.filter((server) => server.listens.some((listen) => listen.port === port));
  if (onPort.length === 0) return { why: `no server listens on port ${port}` };
  const specific = address ? onPort.filter((server) => server.listens.some((l) => l.port === port && l.address === address)) : [];
  const group = specific.length > 0 ? specific : onPort.filter((server) => server.listens.some((l) => l.port === port && l.address === '*'));
  const candidates = group.length > 0 ? group : onPort;
  const where = `port ${port}`;
  let best: { server: VirtualServer; match: NameMatch; name: string } | undefined;
  candidates.forEach((server, index) => {
    for (const name of server.names) {
      const match = matchName(name, host, index);
      if (!match) continue;
      if (
        !best ||
        RANK[match.kind] < RANK[best.match.kind] ||
        (RANK[match.kind] === RANK[best.match.kind] && match.kind !== 'regex' && match.kind !== 'exact' && match.length > best.match.length)
      ) {
        best = { server, match, name };
      }
    }
  });
  if (best) {
    const how = { exact: 'exactly', leading: 'by its leading wildcard', trailing: 'by its trailing wildcard', regex: 'by its regex (the first that matches)' }[best.match.kind];
    return { server: best.server, why: `server_name ${best.name || '""'} matches the host "${host}" ${how}, among the servers on ${where}` };
  }
  const fallback = candidates.find((server) => server.listens.some((l) => l.port === port && l.defaultServer));
  if (fallback) return { server: fallback, why: `no server_name matches "${host}", so the default_server of ${where} answers` };
  return { server: candidates[0], why: `no server_name matches "${host}" and no server is default_server, so the first server on ${where} answers` };
}
