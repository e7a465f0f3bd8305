#!/usr/bin/env node
// Speed of the web application through the real server, in headless Chromium (playwright-core, as web/e2e/run.mjs).
//
//   node bench/web_speed.mjs HEED_BINARY DB [RUNS=20] [WEB_ROOT=web/dist]
//   (run `cd web && npm ci && npm run build` first; DB: e.g. heed demo --db DB --count 1000000)
//
// Starts `heed serve --db DB --web-root WEB_ROOT` on a free loopback port and, as the demo user `agent`:
//  1. first load of the agent workspace, RUNS times, each in a new browser context (empty cache, signed in by the
//     session API first): navigation start → first contentful paint, and → the queue's rows in the DOM and painted
//     (a MutationObserver, then the next animation frame); the bytes of the first screen's assets as sent
//     (compressed: encodedBodySize of the page and every file it loaded, the API's answers counted apart);
//  2. a click on a queue tab → that queue's first page (50 rows) in the DOM and painted, RUNS times per queue,
//     cycling through the queues so each click changes the list. The rows are checked against the API's answer for
//     the same queue (the first row's id and the row count).
// Prints medians and p95 of each figure, as text and as JSON (last line). The server writes to DB as it serves
// (sessions, its SLA sweeper, migrations of an older schema): give it a copy of a database you want to keep as is.

import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const { chromium } = createRequire(join(root, 'web', 'package.json'))('playwright-core');

const [binary, db, runsText = '20', webRootArg] = process.argv.slice(2);
if (!binary || !db) {
  console.error('usage: node bench/web_speed.mjs HEED_BINARY DB [RUNS=20] [WEB_ROOT=web/dist]');
  process.exit(2);
}
const runs = Number(runsText);
const webRoot = resolve(webRootArg ?? join(root, 'web', 'dist'));
const browserPath = process.env.CHROMIUM ?? '/usr/bin/chromium';
const user = { tenant: 'default', username: process.env.HEED_USER ?? 'agent', password: 'demo-password' };
const kQueueTabs = ['open', 'unassigned', 'due', 'breached', 'mine'];

const log = (...args) => console.log('[web_speed]', ...args);
const median = (xs) => { const s = [...xs].sort((a, b) => a - b); const m = s.length >> 1; return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2; };
const p95 = (xs) => { const s = [...xs].sort((a, b) => a - b); return s[Math.min(s.length - 1, Math.ceil(0.95 * s.length) - 1)]; };
const round = (x) => Math.round(x * 10) / 10;

function freePort() {
  return new Promise((res, rej) => {
    const server = createServer();
    server.on('error', rej);
    server.listen(0, '127.0.0.1', () => { const { port } = server.address(); server.close(() => res(port)); });
  });
}

/** CPU seconds the process has used (utime + stime). */
function cpuSeconds(pid) {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

/** Waits until the server has been idle (under 5 % of a core) for two seconds: its start-up work is done. */
async function waitIdle(pid, maxSeconds = 900) {
  const deadline = Date.now() + maxSeconds * 1000;
  let last = cpuSeconds(pid);
  while (Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 2000));
    const now = cpuSeconds(pid);
    if (now - last < 0.1) return;
    last = now;
  }
  log('the server is still busy; measuring anyway');
}

async function main() {
  for (const [what, path] of [['heed binary', binary], ['database', db], ['web root (npm run build)', join(webRoot, 'index.html')], ['Chromium', browserPath]]) {
    if (!existsSync(path)) throw new Error(`no ${what} at ${path}`);
  }
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const startedAt = Date.now();
  const server = spawn(binary, ['serve', '--db', db, '--listen', `127.0.0.1:${port}`, '--web-root', webRoot],
                       { stdio: ['ignore', 'ignore', 'pipe'] });
  let serverLog = '';
  server.stderr.on('data', (d) => { serverLog = (serverLog + d).slice(-4000); });
  let browser = null;
  try {
    for (;;) {
      if (server.exitCode !== null) throw new Error(`heed serve exited with ${server.exitCode}: ${serverLog}`);
      try { if ((await fetch(`${base}/readyz`)).ok) break; } catch { /* not yet */ }
      if (Date.now() - startedAt > 600_000) throw new Error('heed serve not ready within 10 minutes');
      await new Promise((r) => setTimeout(r, 250));
    }
    log(`ready after ${((Date.now() - startedAt) / 1000).toFixed(1)} s; waiting for the server to be idle`);
    await waitIdle(server.pid);
    log(`idle after ${((Date.now() - startedAt) / 1000).toFixed(1)} s; load average ${readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ')}`);

    browser = await chromium.launch({ executablePath: browserPath, headless: true, args: ['--no-sandbox'] });
    const firstLoad = await measureFirstLoad(browser, base);
    const queues = await measureQueues(browser, base);
    const result = {
      runs, user: user.username, load_average: readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).map(Number),
      first_load: firstLoad, queues,
    };
    print(result);
    console.log(JSON.stringify(result));
  } finally {
    if (browser) await browser.close().catch(() => {});
    if (server.exitCode === null) {
      const exited = new Promise((r) => server.once('exit', r));
      server.kill('SIGTERM');
      const timer = setTimeout(() => server.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(timer);
    }
  }
}

async function signedInContext(browser, base) {
  const context = await browser.newContext({ baseURL: base, locale: 'zh-CN', viewport: { width: 1366, height: 900 } });
  const answer = await context.request.post('/api/v1/session', { data: user });
  if (!answer.ok()) throw new Error(`sign-in as ${user.username} answered ${answer.status()}: ${await answer.text()}`);
  return context;
}

// Installed before the page's own scripts: notes when the queue's rows (or its empty notice) are first in the DOM
// and the animation frame after that (the frame that paints them).
const kWatchQueue = () => {
  window.__heedQueue = {};
  const check = () => {
    if (window.__heedQueue.dom) return;
    if (document.querySelector('.queue-table tbody tr, [data-test=empty]')) {
      window.__heedQueue.dom = performance.now();
      requestAnimationFrame(() => { window.__heedQueue.painted = performance.now(); });
    }
  };
  new MutationObserver(check).observe(document, { childList: true, subtree: true });
};

async function measureFirstLoad(browser, base) {
  const samples = [];
  for (let i = 0; i < runs + 1; i++) { // the first run warms the server's caches and is left out
    const context = await signedInContext(browser, base);
    const page = await context.newPage();
    await page.addInitScript(kWatchQueue);
    const encodings = new Map();
    page.on('response', (r) => encodings.set(new URL(r.url()).pathname, r.headers()['content-encoding'] ?? ''));
    await page.goto('/queue/mine', { waitUntil: 'load' });
    await page.waitForFunction(() => window.__heedQueue?.painted !== undefined, null, { timeout: 30_000 });
    await page.waitForLoadState('networkidle');
    const m = await page.evaluate(() => {
      const nav = performance.getEntriesByType('navigation')[0];
      const fcp = performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? null;
      const assets = [{ name: new URL(nav.name).pathname, bytes: nav.encodedBodySize, decoded: nav.decodedBodySize }];
      let api = 0;
      for (const r of performance.getEntriesByType('resource')) {
        const path = new URL(r.name).pathname;
        if (path.startsWith('/api/')) api += r.encodedBodySize;
        else assets.push({ name: path, bytes: r.encodedBodySize, decoded: r.decodedBodySize });
      }
      return { fcp, dom: window.__heedQueue.dom, painted: window.__heedQueue.painted, domContentLoaded: nav.domContentLoadedEventEnd,
               load: nav.loadEventEnd, assets, api, rows: document.querySelectorAll('.queue-table tbody tr').length };
    });
    m.gzip = m.assets.filter((a) => encodings.get(a.name) === 'gzip').length;
    await context.close();
    if (i > 0) samples.push(m);
  }
  const last = samples[samples.length - 1];
  const stat = (key) => ({ median: round(median(samples.map((s) => s[key]))), p95: round(p95(samples.map((s) => s[key]))) });
  return {
    fcp_ms: stat('fcp'), queue_in_dom_ms: stat('dom'), queue_painted_ms: stat('painted'),
    dom_content_loaded_ms: stat('domContentLoaded'), load_ms: stat('load'), rows: last.rows,
    assets: last.assets.map((a) => ({ ...a, gzip: undefined })),
    asset_bytes: last.assets.reduce((s, a) => s + a.bytes, 0),
    asset_bytes_decoded: last.assets.reduce((s, a) => s + a.decoded, 0),
    assets_gzip: `${last.gzip} of ${last.assets.length}`, api_bytes: last.api,
  };
}

/** The first page of a queue as the API gives it to the queue view (its own request, on opening the queue). */
async function expectedFirstPage(page, tab) {
  const answer = page.waitForResponse((r) => new URL(r.url()).pathname === '/api/v1/complaints' && r.request().method() === 'GET',
                                      { timeout: 120_000 });
  await page.goto(`/queue/${tab}`);
  const body = await (await answer).json();
  await page.waitForFunction(() => document.querySelector('.queue-table')?.getAttribute('aria-busy') === 'false' ||
                                   document.querySelector('[data-test=empty]'), null, { timeout: 120_000 });
  return { first: body.items[0]?.id ?? null, rows: body.items.length };
}

async function measureQueues(browser, base) {
  const context = await signedInContext(browser, base);
  const page = await context.newPage();
  const expected = {};
  for (const tab of kQueueTabs) expected[tab] = await expectedFirstPage(page, tab);
  const tabs = kQueueTabs.filter((tab) => expected[tab].rows === 50);
  log('queues with a full first page:', tabs.join(', '), '| rows per queue:', JSON.stringify(Object.fromEntries(kQueueTabs.map((t) => [t, expected[t].rows]))));
  if (tabs.length < 2) throw new Error('fewer than two queues with 50 rows: nothing to switch between');
  const samples = Object.fromEntries(tabs.map((t) => [t, { dom: [], painted: [] }]));
  for (let i = 0; i < runs + 1; i++) { // the first round warms the server and is left out
    for (const tab of tabs) {
      const want = expected[tab];
      const m = await page.evaluate(({ tab, want }) => new Promise((resolve, reject) => {
        const link = document.querySelector(`nav.tabs a[data-queue="${tab}"]`);
        const done = () => {
          const table = document.querySelector('.queue-table');
          const rows = document.querySelectorAll('.queue-table tbody tr');
          return table && table.getAttribute('aria-busy') === 'false' && rows.length === want.rows &&
                 rows[0].getAttribute('data-id') === String(want.first);
        };
        const timer = setTimeout(() => { observer.disconnect(); reject(new Error(`${tab}: the rows did not come within 30 s`)); }, 30_000);
        let start = 0;
        const observer = new MutationObserver(() => {
          if (!done()) return;
          const dom = performance.now() - start;
          observer.disconnect();
          clearTimeout(timer);
          requestAnimationFrame(() => resolve({ dom, painted: performance.now() - start }));
        });
        observer.observe(document.body, { childList: true, subtree: true, attributes: true, characterData: true });
        start = performance.now();
        link.click();
      }), { tab, want });
      if (i > 0) {
        samples[tab].dom.push(m.dom);
        samples[tab].painted.push(m.painted);
      }
    }
  }
  await context.close();
  const out = {};
  for (const tab of tabs) {
    out[tab] = {
      rows: 50,
      in_dom_ms: { median: round(median(samples[tab].dom)), p95: round(p95(samples[tab].dom)) },
      painted_ms: { median: round(median(samples[tab].painted)), p95: round(p95(samples[tab].painted)) },
    };
  }
  const all = tabs.flatMap((t) => samples[t].painted);
  out.all = { clicks: all.length, painted_ms: { median: round(median(all)), p95: round(p95(all)) } };
  return out;
}

function print(r) {
  const f = r.first_load;
  log(`first load of /queue/mine as ${r.user}, ${r.runs} runs (new context each, empty cache), medians (p95):`);
  log(`  first contentful paint ${f.fcp_ms.median} ms (${f.fcp_ms.p95}); queue rows in the DOM ${f.queue_in_dom_ms.median} ms (${f.queue_in_dom_ms.p95}); painted ${f.queue_painted_ms.median} ms (${f.queue_painted_ms.p95}); load event ${f.load_ms.median} ms`);
  log(`  first screen's assets: ${f.assets.length} files, ${f.asset_bytes} bytes as sent (${f.assets_gzip} gzip), ${f.asset_bytes_decoded} decoded; API answers ${f.api_bytes} bytes`);
  for (const a of f.assets) log(`    ${a.name}: ${a.bytes} (${a.decoded})`);
  for (const [tab, q] of Object.entries(r.queues)) {
    if (tab === 'all') log(`  every click: ${q.clicks} clicks, painted ${q.painted_ms.median} ms (p95 ${q.painted_ms.p95})`);
    else log(`  click on "${tab}" → 50 rows in the DOM ${q.in_dom_ms.median} ms (${q.in_dom_ms.p95}), painted ${q.painted_ms.median} ms (${q.painted_ms.p95})`);
  }
}

main().catch((error) => {
  console.error('[web_speed] FAILED:', error?.stack ?? error);
  process.exit(1);
});
