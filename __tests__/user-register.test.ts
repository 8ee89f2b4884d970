import { UserRegister } from '../src/htpasswd/user-register';
import type { Entry } from '../src/htpasswd/views';

/** The duplicate check's register of first entries (typed arrays, not a Map): the same answers as a Map. */
const entry = (user: string, line: number): Entry =>
  ({
    line: { number: line, text: user, offset: line * 100, crlf: false, byteLength: user.length },
    user,
    userRange: { start: { line, column: 1, offset: line * 100 }, end: { line, column: user.length + 1, offset: line * 100 + user.length } },
    hash: '',
    hashRange: { start: { line, column: 1, offset: 0 }, end: { line, column: 1, offset: 0 } },
  }) as Entry;

test('agrees with a Map over 100,000 names with repeats, growth, long and odd names', () => {
  const register = new UserRegister();
  const reference = new Map<string, number>();
  const names = Array.from({ length: 100_000 }, (_, i) => (i % 7 === 3 ? `u${i % 5000}` : i % 1000 === 1 ? 'x'.repeat(20_000 + i) : i % 999 === 2 ? `\ud800lone${i}` : `user${i}`));
  names.forEach((name, i) => {
    const line = i + 1;
    const expected = reference.get(name);
    expect(register.first(name)?.line).toBe(expected);
    if (expected === undefined) {
      register.add(entry(name, line));
      reference.set(name, line);
    }
  });
  expect(register.first('nobody')).toBeUndefined();
  const seen = register.first('u3');
  expect(seen?.userRange.start).toEqual({ line: seen!.line, column: 1, offset: seen!.line * 100 });
});

test('finds the other spelling of a name that differs only in case', () => {
  const register = new UserRegister();
  const bob = entry('bob', 1);
  register.add(bob);
  expect(register.firstSpelling('bob', bob)).toBeUndefined();
  const Bob = entry('Bob', 2);
  register.add(Bob);
  expect(register.firstSpelling('bob', Bob)).toMatchObject({ user: 'bob', line: 1 });
  const BOB = entry('BOB', 3);
  register.add(BOB);
  expect(register.firstSpelling('bob', BOB)).toMatchObject({ user: 'bob', line: 1 });
});
