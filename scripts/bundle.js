#!/usr/bin/env node
// Build step after tsc: bundle dist/cli.js and its dependencies into one file, then run it once
// on the bundled example tree and save V8's code cache of everything that run compiled. Start-up
// is what a pre-commit hook on one file pays for; see bench/run.js (a).
'use strict';
const path = require('node:path');
const fs = require('node:fs');
const esbuild = require('esbuild');
const { loadCli, BUNDLE, CACHE } = require('../bin/bundle-loader');

const REPO = path.resolve(__dirname, '..');

async function main() {
  fs.rmSync(CACHE, { force: true });
  await esbuild.build({
    entryPoints: [path.join(REPO, 'dist/cli.js')],
    outfile: BUNDLE,
    bundle: true,
    platform: 'node',
    target: 'node20',
    // ASCII only (other characters escaped): the loader then reads the bundle as Latin-1,
    // ~6 ms faster than decoding 1.7 MB of UTF-8 on every start.
    charset: 'ascii',
    logLevel: 'warning',
  });
  // esbuild escapes strings and regexes, not comments: escape what is left (in a comment the
  // escape is just text).
  const text = fs.readFileSync(BUNDLE, 'utf8').replace(/[^\x00-\x7f]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
  fs.writeFileSync(BUNDLE, text);
  const nonAscii = fs.readFileSync(BUNDLE).findIndex((byte) => byte > 0x7f);
  if (nonAscii >= 0) throw new Error(`the bundle has a non-ASCII byte at offset ${nonAscii}; bin/bundle-loader.js reads it as Latin-1`);
  const { cli, script } = loadCli();
  const silent = { stdout: () => undefined, stderr: () => undefined, cwd: REPO, stdoutIsTTY: false };
  // A warm-up run: the cache then holds the functions a lint actually compiles.
  await cli.main(['--root', path.join(REPO, 'examples'), path.join(REPO, 'examples/etc/nginx')], silent);
  fs.writeFileSync(CACHE, script.createCachedData());
}

main().catch((error) => {
  process.stderr.write(`bundle: ${error.stack}\n`);
  process.exit(1);
});
