import * as fs from 'node:fs';
import * as path from 'node:path';
import { NginxParser } from 'nginx-conf';
import { parseNginx } from '../src/parsers/nginx/parser';
import type { NginxNode } from '../src/parsers/nginx/ast';
import { align, CORPUS, listCorpusFiles, type FlatDirective, testCorpus } from './helpers/crossplane';

/**
 * Differential test against nginx-conf, the package the project card names. It keeps no
 * positions and joins arguments into one string, so it cannot be authlint's parser (see the
 * README), but as an independent parser it cross-checks our block structure: for every corpus
 * file both accept, the sequence of (depth, directive name) must agree, except where
 * nginx-conf is known to go wrong — it reads comment lines such as `## Basic settings ##` or
 * `#listen …` that follow a directive as directives.
 */
interface NcNode {
  name: string;
  value: string;
  children?: NcNode[];
}

function ncFlatten(node: NcNode, depth = 0, out: FlatDirective[] = []): FlatDirective[] {
  for (const child of node.children ?? []) {
    out.push({ name: child.name, args: [], line: 0, depth });
    ncFlatten(child, depth + 1, out);
  }
  return out;
}

function oursFlatten(nodes: readonly NginxNode[], depth = 0, out: FlatDirective[] = []): FlatDirective[] {
  for (const node of nodes) {
    if (node.type !== 'directive') continue;
    out.push({ name: node.nameWord.raw, args: [], line: 0, depth });
    if (node.block) oursFlatten(node.block, depth + 1, out);
  }
  return out;
}

/** Files where nginx-conf goes wrong in other ways, checked by hand. */
const KNOWN_NGINX_CONF_MISREADS: Record<string, string> = {
  'nginxinc-crossplane/messy/nginx.conf': 'backslash escapes inside words (P\\{O\\)\\###\\;ST) split the word for nginx-conf; nginx keeps one word',
  'certbot/nginx-roundtrip-testdata/iredmail/iredadmin.conf':
    'a comment after a directive containing ";" ("## listen for ipv4; this line…") is cut at the ";" and its tail read as a directive',
};

function parseWithNginxConf(text: string): NcNode | undefined {
  let tree: NcNode | undefined;
  try {
    new NginxParser().parse(text, (error: unknown, result: NcNode) => {
      if (!error) tree = result;
    });
  } catch {
    return undefined;
  }
  return tree;
}

testCorpus('nginx-conf and authlint agree on block structure wherever nginx-conf reads comments right', () => {
  let compared = 0;
  let matched = 0;
  let total = 0;
  const unexplained: string[] = [];
  for (const rel of listCorpusFiles(path.join(CORPUS, 'nginx'))) {
    const text = fs.readFileSync(path.join(CORPUS, 'nginx', rel), 'utf8');
    const ours = parseNginx(text);
    if (ours.errors.length > 0) continue;
    const theirs = parseWithNginxConf(text);
    if (!theirs) continue;
    compared++;
    const alignment = align(oursFlatten(ours.nodes), ncFlatten(theirs));
    matched += alignment.matched;
    total += alignment.matched + alignment.onlyOurs.length;
    for (const extra of alignment.onlyCrossplane) {
      if (!extra.name.startsWith('#') && !(rel in KNOWN_NGINX_CONF_MISREADS)) unexplained.push(`${rel}: nginx-conf has "${extra.name}"`);
    }
  }
  expect(compared).toBeGreaterThan(400);
  expect(matched / total).toBeGreaterThan(0.97);
  expect(unexplained).toEqual([]);
});
