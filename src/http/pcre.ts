/**
 * nginx location and server_name regexes are PCRE; JavaScript's RegExp agrees on the syntax
 * configs use (classes, groups, alternation, anchors, quantifiers, (?i)). A pattern JavaScript
 * cannot compile is reported as unknown rather than guessed.
 */
export function compilePcre(pattern: string, caseless: boolean): RegExp | undefined {
  let source = pattern;
  let flags = caseless ? 'i' : '';
  // A leading inline (?i) is PCRE's way to ask for caseless matching.
  if (source.startsWith('(?i)')) {
    source = source.slice(4);
    flags = 'i';
  }
  // PCRE named groups (?P<name>…) and (?<name>…); JavaScript knows the latter.
  source = source.replace(/\(\?P</g, '(?<');
  // \Z and \z are end-of-subject in PCRE.
  source = source.replace(/\\[Zz]/g, '$');
  try {
    return new RegExp(source, flags);
  } catch {
    return undefined;
  }
}
