// The real server with a fresh database, and headless Debian Chromium driven by playwright-core.
//
//   PASSEND_BINARY   the passend executable (default: <repo>/build/passend)
//   SCREENSHOT_DIR   where screenshots go (default: <repo>/build/screenshots)
//   CHROMIUM         the browser (default: /usr/bin/chromium)
import { spawn, execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

export const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
export const binary = process.env.PASSEND_BINARY || path.join(repo, 'build/passend');
export const screenshotDir = process.env.SCREENSHOT_DIR || path.join(repo, 'build/screenshots');
const chromiumPath = process.env.CHROMIUM || '/usr/bin/chromium';

function passend(args, cwd) {
  return execFileSync(binary, args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }).trim();
}

// init, import the demo network, one token per role; then `passend serve --port 0` and wait
// for the address it prints.
export async function startServer() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'passend-browser-'));
  const db = path.join(dir, 'browser.db');
  passend(['init', '--db', db], dir);
  passend(['import', '--db', db, path.join(repo, 'data/demo/network.json')], dir);
  const tokens = {};
  for (const role of ['member', 'contract_manager', 'coordinator', 'admin'])
    tokens[role] = passend(['token', 'create', '--db', db, '--role', role, '--name', `browser-${role}`], dir);
  const child = spawn(binary, ['serve', '--db', db, '--port', '0', '--bind', '127.0.0.1', '--workers', '2'], { cwd: dir, stdio: ['ignore', 'ignore', 'pipe'] });
  let log = '';
  const origin = await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start:\n${log}`)), 20000);
    child.stderr.on('data', (chunk) => {
      log += chunk;
      const m = log.match(/listening on (http:\/\/[^\s]+)/);
      if (m) { clearTimeout(timer); resolve(m[1]); }
    });
    child.on('exit', (code) => { clearTimeout(timer); reject(new Error(`server exited (${code}):\n${log}`)); });
  });
  child.removeAllListeners('exit');
  return {
    origin, tokens, db, dir,
    log: () => log,
    async stop() {
      if (child.exitCode === null) {
        const exited = new Promise((resolve) => child.once('exit', resolve));
        child.kill('SIGTERM');
        await exited;
      }
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

// A fresh profile each time; every request that leaves the server's origin is recorded and
// blocked, so the pages are shown to work without network access beyond the server.
// options: viewport ({width, height}) and locale (the browser's language; the pages are Dutch
// whatever it is).
export async function startBrowser(origin, { viewport = { width: 1600, height: 1000 }, locale = 'nl-NL' } = {}) {
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'passend-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: chromiumPath,
    headless: true,
    locale,
    timezoneId: 'Europe/Amsterdam',
    viewport,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync', `--lang=${locale}`],
  });
  const outside = [];
  const errors = [];
  await context.route('**/*', (route) => {
    const url = route.request().url();
    if (url.startsWith(origin) || url.startsWith('data:') || url.startsWith('blob:')) return route.continue();
    outside.push(url);
    return route.abort();
  });
  const page = context.pages()[0] || (await context.newPage());
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  return {
    context, page, outside, errors,
    async close() {
      await context.close();
      fs.rmSync(profile, { recursive: true, force: true });
    },
  };
}

// <name>.png as the page shows it, and small/<name>.png scaled down (60% unless options.scale;
// what docs/screenshots holds), taken by Chromium itself so that no image tool is needed.
export async function screenshot(page, name, { scale = 0.6, ...options } = {}) {
  fs.mkdirSync(path.join(screenshotDir, 'small'), { recursive: true });
  const file = path.join(screenshotDir, `${name}.png`);
  await page.screenshot({ path: file, ...options });
  const viewport = page.viewportSize();
  const box = options.fullPage
    ? await page.evaluate(() => ({ width: document.documentElement.scrollWidth, height: document.documentElement.scrollHeight }))
    : viewport;
  const { x, y } = options.fullPage ? { x: 0, y: 0 } : await page.evaluate(() => ({ x: window.scrollX, y: window.scrollY }));
  const cdp = await page.context().newCDPSession(page);
  try {
    const { data } = await cdp.send('Page.captureScreenshot', {
      format: 'png', captureBeyondViewport: Boolean(options.fullPage),
      clip: { x, y, width: box.width, height: box.height, scale },
    });
    fs.writeFileSync(path.join(screenshotDir, 'small', `${name}.png`), Buffer.from(data, 'base64'));
  } finally {
    await cdp.detach();
  }
  return file;
}

// axe-core (pinned in package-lock.json) on the page as it stands, with the WCAG 2.2 A and AA
// rules. The pages' Content-Security-Policy allows only the server's own scripts, so a
// page.addScriptTag would be refused; page.evaluate runs the file's source through the DevTools
// protocol, which CSP does not govern, and leaves the policy in force for the page itself.
const axeSource = fs.readFileSync(path.join(path.dirname(fileURLToPath(import.meta.url)), '../node_modules/axe-core/axe.min.js'), 'utf8');
export const axeTags = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];
export async function axeViolations(page) {
  if (!(await page.evaluate(() => Boolean(window.axe)))) await page.evaluate(`${axeSource}\n;void 0`);
  const result = await page.evaluate((tags) => window.axe.run(document, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] }), axeTags);
  return result.violations.map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(' | ')}`);
}
