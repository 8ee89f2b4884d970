// Preloaded into benchmarked runs (node --require): prints the peak RSS at exit on fd 3.
'use strict';
const fs = require('node:fs');
process.on('exit', () => {
  try {
    fs.writeSync(3, JSON.stringify({ maxRssKb: process.resourceUsage().maxRSS }) + '\n');
  } catch {
    // fd 3 not open: not under the benchmark
  }
});
