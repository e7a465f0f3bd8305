// Browser tests of the Heed web application against the real server.
//
//   HEED_BIN=/path/to/heed npm run e2e
//
// Builds nothing itself (npm run e2e builds first); starts `heed serve` on a free loopback port with a fresh demo
// database in a temporary folder, drives Debian's Chromium (CHROMIUM, default /usr/bin/chromium) with
// playwright-core, and writes screenshots to e2e/out/. The server and the folder are removed in every case; the exit
// code is non-zero on any failure. Without HEED_BIN it says so and exits 0.

import { spawn, execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { chromium } from 'playwright-core';
import { scenario } from './scenario.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const webDir = resolve(here, '..');
const dist = join(webDir, 'dist');
const outDir = join(here, 'out');
const run = promisify(execFile);

function log(...args) {
  console.log('[e2e]', ...args);
}

function freePort() {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolvePort(port));
    });
  });
}

async function waitReady(base, server, seconds = 30) {
  const deadline = Date.now() + seconds * 1000;
  while (Date.now() < deadline) {
    if (server.exitCode !== null) throw new Error(`heed serve exited early with code ${server.exitCode}`);
    try {
      const response = await fetch(`${base}/readyz`);
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`heed serve was not ready within ${seconds} s`);
}

async function stopServer(server) {
  if (!server || server.exitCode !== null) return;
  const exited = new Promise((r) => server.once('exit', r));
  server.kill('SIGTERM');
  const timer = setTimeout(() => server.kill('SIGKILL'), 5000);
  await exited;
  clearTimeout(timer);
}

async function setAutoAssign(base, on) {
  const signIn = await fetch(`${base}/api/v1/session`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ tenant: 'default', username: 'manager', password: 'demo-password' }),
  });
  if (!signIn.ok) throw new Error(`manager sign-in answered ${signIn.status}`);
  const cookie = signIn.headers.get('set-cookie').split(';')[0];
  const { csrf_token: csrf } = await signIn.json();
  const answer = await fetch(`${base}/api/v1/settings/routing`, {
    method: 'PUT',
    headers: { 'Content-Type': 'application/json', Cookie: cookie, 'X-CSRF-Token': csrf },
    body: JSON.stringify({ auto_assign: on }),
  });
  if (!answer.ok) throw new Error(`PUT /api/v1/settings/routing answered ${answer.status}: ${await answer.text()}`);
}

async function main() {
  const heed = process.env.HEED_BIN;
  if (!heed) {
    log('HEED_BIN is not set: skipping the browser tests (set HEED_BIN to the heed binary to run them).');
    return 0;
  }
  if (!existsSync(heed)) throw new Error(`HEED_BIN=${heed} does not exist`);
  if (!existsSync(join(dist, 'index.html'))) throw new Error(`${dist}/index.html is missing: run npm run build first`);
  const browserPath = process.env.CHROMIUM ?? '/usr/bin/chromium';
  if (!existsSync(browserPath)) {
    throw new Error(`no Chromium at ${browserPath}: apt-get install chromium, or set CHROMIUM`);
  }
  await mkdir(outDir, { recursive: true });

  const tmp = await mkdtemp(join(tmpdir(), 'heed-web-e2e-'));
  let server = null;
  let browser = null;
  try {
    const db = join(tmp, 'heed.db');
    log('demo database in', tmp);
    await run(heed, ['demo', '--db', db, '--count', '200'], { timeout: 120_000 });

    const port = await freePort();
    const base = `http://127.0.0.1:${port}`;
    server = spawn(heed, ['serve', '--db', db, '--listen', `127.0.0.1:${port}`, '--web-root', dist], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let serverLog = '';
    server.stdout.on('data', (d) => { serverLog += d; });
    server.stderr.on('data', (d) => { serverLog += d; });
    try {
      await waitReady(base, server);
    } catch (error) {
      console.error(serverLog);
      throw error;
    }
    log('heed serve ready at', base);

    // The session API must be there: the web app signs in with it.
    const probe = await fetch(`${base}/api/v1/session`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ tenant: 'default', username: 'nobody', password: 'not-a-password' }),
    });
    if (probe.status === 404 || probe.status === 405) {
      throw new Error(`POST /api/v1/session answered ${probe.status}: this heed binary has no session API ` +
                      '(browser sign-in); build a heed that has it');
    }
    // The demo switches automatic assignment on; this scenario walks the manual path (new → assigned with the
    // assignee picker), so a manager switches it off for this database first. Routing has its own e2e tests.
    await setAutoAssign(base, false);
    const index = await (await fetch(`${base}/queue/mine`)).text();
    if (!index.includes('<div id="app">')) {
      throw new Error('heed serve does not serve the web application for /queue/mine (SPA fallback, --web-root)');
    }

    browser = await chromium.launch({ executablePath: browserPath, headless: true, args: ['--no-sandbox'] });
    const passed = await scenario({ browser, base, outDir, log, heed, db });
    log(`${passed} passed, 0 failed`);
    return 0;
  } finally {
    if (browser) await browser.close().catch(() => {});
    await stopServer(server);
    await rm(tmp, { recursive: true, force: true });
  }
}

main().then(
  (code) => process.exit(code),
  async (error) => {
    console.error('[e2e] FAILED:', error?.stack ?? error);
    console.log(`${error?.passed ?? 0} passed, 1 failed`);
    process.exit(1);
  },
);
