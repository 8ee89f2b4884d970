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
    logLevel: 'warning',
  });
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
