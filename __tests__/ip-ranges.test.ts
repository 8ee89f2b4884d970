import { broadness, cidrContains } from '../src/http/ip-ranges';

/** allow/deny and Require ip ranges, IPv4 and IPv6, through net.BlockList. */
test.each([
  ['192.0.2.0/24', '192.0.2.77', true],
  ['192.0.2.0/24', '192.0.3.1', false],
  ['10.0.0.0/8', '10.255.1.1', true],
  ['0.0.0.0/0', '203.0.113.9', true],
  ['127.0.0.1', '127.0.0.1', true],
  ['::/0', '2001:db8::1', true],
  ['2001:db8::/32', '2001:db8:ffff::5', true],
  ['2001:db8::/32', '2001:db9::5', false],
  ['::1', '::1', true],
  ['192.0.2.0/24', '::ffff:192.0.2.7', true],
  ['2001:db8::/32', '192.0.2.7', false],
  ['192.0.2.0/33', '192.0.2.7', false],
  ['unix:', 'unix:', true],
])('%s contains %s: %s', (range, ip, expected) => {
  expect(cidrContains(range, ip)).toBe(expected);
});

test('broadness knows IPv6 prefixes', () => {
  expect(broadness('::/0')).toBe('everyone');
  expect(broadness('2000::/3')).toBe('everyone');
  expect(broadness('2001:db8::/32')).toBe('narrow');
  expect(broadness('fd00::/8')).toBe('private-range');
  expect(broadness('::1')).toBe('loopback');
});
