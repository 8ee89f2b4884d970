'use strict';
// Loads authlint's single-file bundle (dist/authlint.bundle.js) with the V8 code cache made at
// build time (dist/authlint.bundle.cache): compiling ~140 modules on every start is most of what a
// one-file run costs. A cache V8 rejects (another node version) only means a normal compile. At
// run time nothing is written. Without a bundle (a plain `tsc` build), dist/cli.js is used.
const fs = require('node:fs');
const path = require('node:path');
const vm = require('node:vm');
const Module = require('node:module');

const DIST = path.join(__dirname, '..', 'dist');
const BUNDLE = path.join(DIST, 'authlint.bundle.js');
const CACHE = path.join(DIST, 'authlint.bundle.cache');

/** The CLI module's exports, and the compiled script (the build uses it to write the cache). */
function loadCli() {
  let source;
  try {
    // The build makes the bundle pure ASCII (scripts/bundle.js checks it): Latin-1 reads it as
    // UTF-8 would, without decoding.
    source = fs.readFileSync(BUNDLE, 'latin1');
  } catch {
    try {
      return { cli: require(path.join(DIST, 'cli.js')) };
    } catch {
      process.stderr.write('authlint: not built yet: run `npm run build` in the repository first\n');
      process.exit(2);
    }
  }
  let cachedData;
  try {
    cachedData = fs.readFileSync(CACHE);
  } catch {
    cachedData = undefined;
  }
  const script = new vm.Script(Module.wrap(source), { filename: BUNDLE, cachedData });
  const module = { exports: {} };
  script.runInThisContext().call(module.exports, module.exports, Module.createRequire(BUNDLE), module, BUNDLE, DIST);
  return { cli: module.exports, script };
}

module.exports = { loadCli, BUNDLE, CACHE };
