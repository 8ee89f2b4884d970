#!/usr/bin/env node
// authlint benchmark: `npm run bench`. Reports medians of repeated runs, ratios against
// node's bare start-up measured in the same run, MB/s and peak RSS. Targets from issue #2:
// (a) one site file ≤ 1.5× `node -e 0`; (b) the nginx corpus ≤ 0.3 s; (c) 10,000 server
// blocks in 1,000 included files ≤ 5 s and ≤ 500 MB. Nothing here is asserted in tests.
'use strict';
const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const REPO = path.resolve(__dirname, '..');
const BIN = path.join(REPO, 'bin/authlint.js');
const RSS = path.join(__dirname, 'report-rss.js');
const CORPUS = path.resolve(REPO, '../shared/corpus/nginx');
const RUNS = Number(process.env.BENCH_RUNS || 15);

function timeOnce(args) {
  const start = process.hrtime.bigint();
  const result = spawnSync(process.execPath, ['--require', RSS, ...args], {
    cwd: REPO,
    stdio: ['ignore', 'ignore', 'pipe', 'pipe'],
    encoding: 'utf8',
  });
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  if (result.status !== 0 && result.status !== 1) throw new Error(`${args.join(' ')} exited ${result.status}: ${result.stderr}`);
  const rss = JSON.parse(String(result.output[3]).trim().split('\n').pop());
  return { ms, rssKb: rss.maxRssKb };
}

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** Interleave the commands run by run, so that machine noise hits them alike. */
function measure(commands, runs) {
  const samples = commands.map(() => []);
  for (let i = 0; i < runs; i++) commands.forEach((args, k) => samples[k].push(timeOnce(args)));
  return samples.map((list) => ({
    ms: median(list.map((s) => s.ms)),
    min: Math.min(...list.map((s) => s.ms)),
    rssMb: Math.max(...list.map((s) => s.rssKb)) / 1024,
  }));
}

function totalBytes(dir) {
  let bytes = 0;
  const walk = (d) => {
    for (const entry of fs.readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, entry.name);
      if (entry.isDirectory()) walk(p);
      else if (entry.isFile()) bytes += fs.statSync(p).size;
    }
  };
  walk(dir);
  return bytes;
}

function generateTree(files = 1000) {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'authlint-bench-'));
  const conf = path.join(root, 'etc/nginx');
  fs.mkdirSync(path.join(conf, 'sites-enabled'), { recursive: true });
  fs.writeFileSync(path.join(conf, 'nginx.conf'), 'events {}\nhttp {\n    include /etc/nginx/sites-enabled/*.conf;\n}\n');
  fs.writeFileSync(path.join(conf, 'htpasswd'), 'alice:$apr1$abcdefgh$0123456789abcdefghijkl\n');
  for (let file = 0; file < files; file++) {
    let text = '';
    for (let block = 0; block < 10; block++) {
      const n = file * 10 + block;
      text += `server {\n    listen 8${String(n % 1000).padStart(3, '0')};\n    server_name site${n}.example.test;\n    root /var/www/site${n};\n`;
      text += `    location / {\n        try_files $uri $uri/ =404;\n    }\n`;
      text += `    location /admin/ {\n        auth_basic "Admin ${n}";\n        auth_basic_user_file ${n % 7 === 0 ? '/etc/nginx/missing' : '/etc/nginx/htpasswd'};\n    }\n`;
      text += `    location ~ \\.php$ {\n        fastcgi_pass unix:/run/php/php-fpm.sock;\n        include fastcgi_params;\n    }\n}\n`;
    }
    fs.writeFileSync(path.join(conf, 'sites-enabled', `site${String(file).padStart(4, '0')}.conf`), text);
  }
  fs.writeFileSync(path.join(conf, 'fastcgi_params'), 'fastcgi_param QUERY_STRING $query_string;\n');
  return root;
}

/**
 * An Apache tree of `vhosts` <VirtualHost> sections in files of ten (shared hosting): each with a
 * DocumentRoot, a protected <Directory> of a URL path (so the URL-path check looks at the disk),
 * a PHP handler and a ProxyPass. Its questions per directory and per vhost were cubic before.
 */
function generateApacheTree(vhosts) {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'authlint-bench-apache-'));
  const conf = path.join(root, 'etc/apache2');
  fs.mkdirSync(path.join(conf, 'sites-enabled'), { recursive: true });
  fs.writeFileSync(path.join(conf, 'apache2.conf'), 'ServerRoot "/etc/apache2"\nListen 80\nIncludeOptional sites-enabled/*.conf\n');
  fs.writeFileSync(path.join(conf, 'htpasswd'), 'alice:$apr1$abcdefgh$0123456789abcdefghijkl\n');
  for (let file = 0; file < vhosts / 10; file++) {
    let text = '';
    for (let k = 0; k < 10; k++) {
      const n = file * 10 + k;
      fs.mkdirSync(path.join(root, `var/www/site${n}/admin`), { recursive: true });
      text += `<VirtualHost *:80>\n    ServerName site${n}.example.test\n    DocumentRoot /var/www/site${n}\n`;
      text += `    <Directory /admin>\n        AuthType Basic\n        AuthName "Admin ${n}"\n        AuthUserFile /etc/apache2/htpasswd\n        Require valid-user\n    </Directory>\n`;
      text += `    <FilesMatch "\\.php$">\n        SetHandler "proxy:unix:/run/php/php-fpm.sock|fcgi://localhost"\n    </FilesMatch>\n    ProxyPass /app/ http://127.0.0.1:9000/\n</VirtualHost>\n`;
    }
    fs.writeFileSync(path.join(conf, 'sites-enabled', `site${String(file).padStart(4, '0')}.conf`), text);
  }
  return root;
}

function apacheBench() {
  const small = generateApacheTree(5000);
  const big = generateApacheTree(10000);
  try {
    const [five, ten] = measure([small, big].map((root) => [BIN, '--root', root, path.join(root, 'etc/apache2'), '--format', 'json']), 3);
    console.log('(c) Apache: 5,000 and 10,000 <VirtualHost> sections (each a protected <Directory> of a URL path and a ProxyPass)');
    console.log(`    5k: ${five.ms.toFixed(0)} ms, peak RSS ${five.rssMb.toFixed(0)} MB; 10k: ${ten.ms.toFixed(0)} ms, peak RSS ${ten.rssMb.toFixed(0)} MB; 10k/5k = ${(ten.ms / five.ms).toFixed(2)}× time (cubic before this was measured: 400 vhosts took 27 s)\n`);
  } finally {
    fs.rmSync(small, { recursive: true, force: true });
    fs.rmSync(big, { recursive: true, force: true });
  }
}

/** An nginx error log of about `mb` MB: one line in ten is an auth failure (the rest is the usual noise). */
function generateErrorLog(file, mb) {
  const fd = fs.openSync(file, 'w');
  const noise = [
    'open() "/var/www/html/favicon.ico" failed (2: No such file or directory)',
    'upstream timed out (110: Connection timed out) while reading response header from upstream',
    'client intended to send too large body: 1048577 bytes',
    'SSL_do_handshake() failed (SSL: error:0A00006C:SSL routines::bad key share) while SSL handshaking',
  ];
  let written = 0;
  let i = 0;
  while (written < mb * 1024 * 1024) {
    let chunk = '';
    for (let k = 0; k < 1000; k++, i++) {
      const second = String(i % 60).padStart(2, '0');
      const minute = String(Math.floor(i / 60) % 60).padStart(2, '0');
      const client = `203.0.${(i >> 8) & 255}.${i & 255}`;
      const message = i % 10 === 0 ? `user "user${i % 97}": password mismatch` : i % 10 === 5 ? `user "u${i % 13}" was not found in "/etc/nginx/htpasswd"` : noise[i % noise.length];
      chunk += `2026/11/29 14:${minute}:${second} [error] 812#812: *${i} ${message}, client: ${client}, server: shop.example.com, request: "GET /admin/ HTTP/1.1", host: "shop.example.com"\n`;
    }
    fs.writeSync(fd, chunk);
    written += Buffer.byteLength(chunk);
  }
  fs.closeSync(fd);
  return written;
}

/** One timed run of any command (grep, fail2ban-regex), with the peak RSS /usr/bin/time would show. */
function timeCommand(command, args) {
  const start = process.hrtime.bigint();
  const result = spawnSync(command, args, { stdio: ['ignore', 'pipe', 'pipe'], encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  return { ms: Number(process.hrtime.bigint() - start) / 1e6, status: result.status, stdout: result.stdout };
}

function logsBench() {
  const mb = Number(process.env.BENCH_LOG_MB || 200);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'authlint-bench-logs-'));
  try {
    const small = path.join(dir, 'small-error.log');
    const big = path.join(dir, 'error.log');
    generateErrorLog(small, 10);
    const bytes = generateErrorLog(big, mb);
    const runs = 3;
    const [smallRun, bigRun] = measure([[BIN, 'logs', small, '--format', 'json', '--max-events', '0'], [BIN, 'logs', big, '--format', 'json', '--max-events', '0']], runs);
    console.log(`(d) authlint logs on a generated nginx error log (${(bytes / 1e6).toFixed(0)} MB, one line in ten an auth failure)`);
    console.log(`    ${bigRun.ms.toFixed(0)} ms, ${(bytes / 1e6 / (bigRun.ms / 1000)).toFixed(0)} MB/s, peak RSS ${bigRun.rssMb.toFixed(0)} MB (10 MB log: ${smallRun.rssMb.toFixed(0)} MB) — target ≥ 200 MB/s on one core, memory flat`);
    const grep = median([0, 1, 2].map(() => timeCommand('grep', ['-c', 'password mismatch\\|was not found in', big]).ms));
    console.log(`    grep -c on the same file: ${grep.toFixed(0)} ms (${(bytes / 1e6 / (grep / 1000)).toFixed(0)} MB/s); authlint/grep ${(bigRun.ms / grep).toFixed(1)}×`);
    const f2b = ['/usr/bin/fail2ban-regex'].find((p) => fs.existsSync(p));
    if (f2b) {
      const sample = path.join(dir, 'sample.log');
      generateErrorLog(sample, Math.min(20, mb));
      const sampleBytes = fs.statSync(sample).size;
      const f2bRun = timeCommand(f2b, [sample, '/etc/fail2ban/filter.d/nginx-http-auth.conf']);
      const [ours] = measure([[BIN, 'logs', sample, '--format', 'json', '--max-events', '0']], runs);
      const f2bRate = sampleBytes / 1e6 / (f2bRun.ms / 1000);
      console.log(`    fail2ban-regex (nginx-http-auth filter) on ${(sampleBytes / 1e6).toFixed(0)} MB: ${f2bRun.ms.toFixed(0)} ms (${f2bRate.toFixed(1)} MB/s); authlint ${ours.ms.toFixed(0)} ms: ${(f2bRun.ms / ours.ms).toFixed(1)}× faster (target ≥ 10×)\n`);
    } else console.log('    fail2ban-regex: not installed (apt-get install fail2ban) — not compared\n');
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** (e) big password files: 100,000 and 1,000,000 lines, nine in ten flagged (MD5), one in ten bcrypt, every hash distinct. */
function htpasswdBench() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'authlint-bench-htpasswd-'));
  try {
    // Distinct salts and hashes, as in a real file (a file of one repeated hash would let
    // per-hash caches look better than they are); a fixed seed keeps runs comparable.
    const B64 = './0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
    let seed = 1;
    const random = (n) => {
      let out = '';
      for (let i = 0; i < n; i++) {
        seed = (seed * 1103515245 + 12345) & 0x7fffffff;
        out += B64[seed % 64];
      }
      return out;
    };
    const lines = (prefix) => {
      const out = [];
      for (let i = 0; i < 100000; i++) out.push(i % 10 === 0 ? `${prefix}${i}:$2y$12$${random(53)}` : `${prefix}${i}:$apr1$${random(8)}$${random(22)}`);
      return out.join('\n') + '\n';
    };
    const file = path.join(dir, 'htpasswd');
    fs.writeFileSync(file, lines('user'));
    const million = path.join(dir, 'htpasswd-1m');
    const fd = fs.openSync(million, 'w');
    for (let k = 0; k < 10; k++) fs.writeSync(fd, lines(`u${k}x`));
    fs.closeSync(fd);
    const [run, big] = measure([[BIN, '--type', 'htpasswd', file, '--format', 'json'], [BIN, '--type', 'htpasswd', million, '--format', 'json']], 3);
    console.log(`(e) a password file of 100,000 lines, 90% flagged: ${run.ms.toFixed(0)} ms, peak RSS ${run.rssMb.toFixed(0)} MB (targets ≤ 1 s, ≤ 150 MB); repeated findings are summarised after ten per rule`);
    console.log(`    1,000,000 lines (${(fs.statSync(million).size / 1e6).toFixed(0)} MB), read in 512 KiB windows: ${big.ms.toFixed(0)} ms, peak RSS ${big.rssMb.toFixed(0)} MB (targets ≤ 5 s, ≤ 200 MB)\n`);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

function main() {
  if (process.env.BENCH_ONLY === 'logs') return logsBench();
  if (process.env.BENCH_ONLY === 'htpasswd') return htpasswdBench();
  const site = 'examples/etc/nginx/sites-available/blog';
  console.log(`authlint benchmark — node ${process.version}, ${os.cpus().length} cores, ${RUNS} runs each (medians)\n`);

  const [bare, one] = measure([['-e', '0'], [BIN, '--root', 'examples', site]], RUNS);
  console.log('(a) one site file end to end (pre-commit case)');
  console.log(`    node -e 0               ${bare.ms.toFixed(1)} ms (min ${bare.min.toFixed(1)})`);
  console.log(`    authlint ${site}  ${one.ms.toFixed(1)} ms (min ${one.min.toFixed(1)}), peak RSS ${one.rssMb.toFixed(1)} MB`);
  console.log(`    ratio ${(one.ms / bare.ms).toFixed(2)}× node's bare start-up (goal ≤ 1.2×; gixy 2.3×, issue #17)\n`);

  if (fs.existsSync(CORPUS)) {
    const bytes = totalBytes(CORPUS);
    const [corpus] = measure([[BIN, CORPUS, '--format', 'json']], Math.max(5, Math.round(RUNS / 2)));
    const work = corpus.ms - bare.ms;
    console.log('(b) the whole ../shared/corpus/nginx');
    console.log(`    ${(bytes / 1e6).toFixed(2)} MB: ${corpus.ms.toFixed(1)} ms wall (${work.toFixed(1)} ms beyond node start-up), ${(bytes / 1e6 / (corpus.ms / 1000)).toFixed(1)} MB/s, peak RSS ${corpus.rssMb.toFixed(1)} MB`);
    console.log('    peers (not installable here: PyPI is unreachable and Debian packages neither; figures recorded in issue #17 on this machine kind):');
    console.log(`    crossplane parse-only 100 ms, gixy 1.8 s — goal: ≤ crossplane's time (${(corpus.ms / 100).toFixed(1)}× now), ≥ 20× faster than gixy (${(1800 / corpus.ms).toFixed(1)}× now)\n`);
  } else {
    console.log('(b) skipped: ../shared/corpus/nginx not found\n');
  }

  const root = generateTree(1000);
  const root20 = generateTree(2000);
  try {
    const bytes = totalBytes(root);
    const [big, big20, explainBig] = measure(
      [
        [BIN, '--root', root, path.join(root, 'etc/nginx'), '--format', 'json'],
        [BIN, '--root', root20, path.join(root20, 'etc/nginx'), '--format', 'json'],
        [BIN, 'explain', '--root', root, path.join(root, 'etc/nginx'), 'http://site5.example.test:8005/admin/'],
      ],
      5,
    );
    console.log('(c) generated trees: 10,000 and 20,000 server blocks in 1,000 / 2,000 included files');
    console.log(`    10k: ${(bytes / 1e6).toFixed(2)} MB, ${big.ms.toFixed(0)} ms wall, peak RSS ${big.rssMb.toFixed(0)} MB (goals ≤ 2 s, ≤ 250 MB; issue #17 measured 3.3 s, 430 MB)`);
    console.log(`    20k: ${big20.ms.toFixed(0)} ms, peak RSS ${big20.rssMb.toFixed(0)} MB; 20k/10k = ${(big20.ms / big.ms).toFixed(2)}× time, ${(big20.rssMb / big.rssMb).toFixed(2)}× memory (goal ≤ 2.05× both; issue #17: 2.15×)`);
    console.log(`    explain one URL on the 10k tree: ${explainBig.ms.toFixed(0)} ms, peak RSS ${explainBig.rssMb.toFixed(0)} MB (goal ≤ 300 ms; issue #17: 1.36 s)`);
  } finally {
    fs.rmSync(root, { recursive: true, force: true });
    fs.rmSync(root20, { recursive: true, force: true });
  }
  console.log('');
  apacheBench();
  htpasswdBench();
  logsBench();
}

main();
