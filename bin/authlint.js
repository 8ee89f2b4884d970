#!/usr/bin/env node
'use strict';
// A reader that stops early (`authlint … | head`) closes the pipe: the rest of the output has
// nowhere to go, which is not an error of the run. Any other write error ends it with exit 2.
process.stdout.on('error', (error) => {
  if (error.code === 'EPIPE') return;
  process.stderr.write(`authlint: cannot write the output: ${error.message}\n`);
  process.exit(2);
});
require('./bundle-loader')
  .loadCli()
  .cli.main(process.argv.slice(2))
  .then((code) => {
    process.exitCode = code;
  });
