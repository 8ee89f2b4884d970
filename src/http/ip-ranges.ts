import type * as Net from 'node:net';

/** node:net, loaded when an address is first compared: it pulls in the stream modules, ~5 ms of a start. */
let netModule: typeof Net | undefined;
function net(): typeof Net {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return (netModule ??= require('node:net') as typeof Net);
}

/**
 * Whether an address is in a range, for nginx's allow/deny and Apache's Require ip: IPv4 and
 * IPv6, with or without a prefix length, through Node's own net.BlockList (no hand-written
 * address arithmetic). An operand that is not an address (a host name, "unix:") matches only
 * itself.
 */
export function cidrContains(cidr: string, ip: string): boolean {
  const [base, bitsText] = cidr.split('/');
  const family = net().isIP(base);
  let client = ip;
  // An IPv4 client seen on an IPv6 socket (::ffff:192.0.2.7) is matched as IPv4, as nginx does.
  if (family === 4 && /^::ffff:\d+\.\d+\.\d+\.\d+$/i.test(client)) client = client.slice(7);
  const clientFamily = net().isIP(client);
  if (family === 0 || clientFamily === 0) return base.toLowerCase() === ip.toLowerCase();
  if (family !== clientFamily) return false;
  const bits = bitsText === undefined ? (family === 4 ? 32 : 128) : Number(bitsText);
  if (!Number.isInteger(bits) || bits < 0 || bits > (family === 4 ? 32 : 128)) return false;
  const list = new (net().BlockList)();
  const type = family === 4 ? 'ipv4' : 'ipv6';
  list.addSubnet(base, bits, type);
  return list.check(client, type);
}

/** How many addresses an allow operand admits, as a broadness measure: all, /0, private ranges, loopback. */
export function broadness(operand: string): 'everyone' | 'private-range' | 'loopback' | 'narrow' {
  if (operand === 'all' || operand === '0.0.0.0/0' || operand === '::/0' || operand === '::0/0') return 'everyone';
  const [base, bitsText] = operand.split('/');
  const bits = bitsText === undefined ? (base.includes(':') ? 128 : 32) : Number(bitsText);
  if (base.startsWith('127.') || base === '::1') return 'loopback';
  if (/^(10\.|192\.168\.|172\.(1[6-9]|2\d|3[01])\.)/.test(base) || /^f[cd]/i.test(base)) return bits < 32 ? 'private-range' : 'narrow';
  if (bits <= (base.includes(':') ? 16 : 8)) return 'everyone';
  return 'narrow';
}
