#!/usr/bin/env node
// Opens pages of a site served on 127.0.0.1 in Debian's chromium (driven by playwright-core) and
// prints one JSON report on stdout: for each page and colour scheme, the HTTP status, axe-core's
// WCAG 2 A/AA violations, console messages, dialogs, page errors, pop-ups, every assignment to a
// watched global (window.pwned by default) in any frame, and every request to a host other than
// 127.0.0.1 (recorded and aborted: nothing leaves the machine).
//
//   node check-pages.js --base http://127.0.0.1:8080 [--chromium /usr/bin/chromium]
//       [--schemes light,dark] [--watch NAME] [--interact SELECTOR] [--author SELECTOR]
//       [--no-axe] PATH...
//
// --interact: once the page has loaded, every element matching SELECTOR is hovered and clicked,
// as a reader would (back to the page when a click went elsewhere). --author: each axe finding
// says whether it lies inside author content (an element matching SELECTOR). Exit status 0 when
// every page was checked, whatever was found; 1 when the checks could not run; 2 on bad usage.
'use strict';
const fs = require('fs');
const os = require('os');
const path = require('path');
const { chromium } = require('playwright-core');

const AXE_SOURCE = fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];
// This machine's network is closed: without the background-networking flags chromium keeps
// trying Google's hosts; the resolver rule makes every name but 127.0.0.1 unresolvable besides.
const CHROMIUM_FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic',
  '--no-first-run', '--disable-background-networking', '--disable-component-update',
  '--disable-sync', '--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1'];
const LOAD_TIMEOUT_MS = 30000;
const SETTLE_MS = 300;

function usage(message) {
  process.stderr.write(`${message}\nusage: check-pages.js --base URL [--chromium PATH]`
    + ' [--schemes light,dark] [--watch NAME] [--interact SELECTOR] [--author SELECTOR]'
    + ' [--no-axe] PATH...\n');
  process.exit(2);
}

function options(argv) {
  const o = { chromium: '/usr/bin/chromium', schemes: ['light'], watch: 'pwned', interact: null,
    author: null, axe: true, paths: [] };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const value = () => (i + 1 < argv.length ? argv[++i] : usage(`${arg} needs a value`));
    if (arg === '--base') o.base = value().replace(/\/+$/, '');
    else if (arg === '--chromium') o.chromium = value();
    else if (arg === '--schemes') o.schemes = value().split(',');
    else if (arg === '--watch') o.watch = value();
    else if (arg === '--interact') o.interact = value();
    else if (arg === '--author') o.author = value();
    else if (arg === '--no-axe') o.axe = false;
    else if (arg.startsWith('--')) usage(`unknown option ${arg}`);
    else o.paths.push(arg);
  }
  if (!o.base) usage('--base is required');
  if (new URL(o.base).hostname !== '127.0.0.1') usage('--base must be on 127.0.0.1');
  if (o.paths.length === 0) usage('no PATH given');
  if (o.schemes.some((s) => s !== 'light' && s !== 'dark')) usage('--schemes: light, dark');
  if (!/^[A-Za-z_$][\w$]*$/.test(o.watch)) usage('--watch: a JavaScript identifier');
  return o;
}

// Runs in every frame before the page's own scripts: each assignment to window[name] is reported
// to the harness at once (so a later navigation loses nothing).
function watchGlobal(name) {
  const report = window.__checkPagesAssigned;
  let current;
  Object.defineProperty(window, name, {
    configurable: false,
    get() { return current; },
    set(v) {
      current = v;
      if (report) report(String(v));
    },
  });
}

// window[name] in the page's main frame as a string, or null while it is undefined.
async function watchedValue(page, name) {
  return page.evaluate((n) => (window[n] === undefined ? null : String(window[n])), name);
}

async function interact(page, url, selector, report) {
  const count = (await page.$$(selector)).length;
  for (let i = 0; i < count; i++) {
    if (page.url() !== url) {
      await page.goto(url, { waitUntil: 'load', timeout: LOAD_TIMEOUT_MS });
    }
    const element = (await page.$$(selector))[i];
    if (!element) break;
    const what = await element.evaluate((e) => e.outerHTML.slice(0, 200)).catch(() => '?');
    try {
      await element.hover({ force: true, timeout: 2000 });
      await element.click({ force: true, timeout: 2000, noWaitAfter: true });
      report.interactions.push({ element: what, how: 'mouse' });
    } catch (e) {
      // No box to point at (hidden, zero size): the events a reader's mouse would send.
      for (const type of ['mouseover', 'mouseenter', 'click']) {
        await element.dispatchEvent(type).catch(() => {});
      }
      report.interactions.push({ element: what, how: 'events' });
    }
    await page.waitForTimeout(50);
  }
  await page.waitForTimeout(SETTLE_MS);
}

// axe-core's WCAG 2 A/AA rules on the page as it is now.
async function runAxe(page, author) {
  await page.addScriptTag({ content: AXE_SOURCE });
  return page.evaluate(async ({ tags, author }) => {
    const results = await window.axe.run(document, {
      runOnly: { type: 'tag', values: tags },
      resultTypes: ['violations', 'incomplete'],
      elementRef: true,
    });
    const inAuthor = (n) => Boolean(author && n.element && n.element.closest(author));
    return {
      axe: results.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help,
        helpUrl: v.helpUrl, nodes: v.nodes.map((n) => ({ target: n.target.join(' '),
          html: n.html.slice(0, 300), summary: n.failureSummary, author: inAuthor(n) })) })),
      incomplete: results.incomplete.map((v) => ({ id: v.id, nodes: v.nodes.length })),
    };
  }, { tags: AXE_TAGS, author });
}

async function checkPage(context, o, pagePath, scheme) {
  const url = o.base + pagePath;
  const report = { path: pagePath, scheme, url, status: null, title: null, axe: null,
    incomplete: [], console: [], dialogs: [], pageErrors: [], popups: [], offHostRequests: [],
    watched: o.watch, valueAfterLoad: null, valueAfterInteraction: null, assignments: [],
    interactions: [], navigations: [] };
  context.current = { report, phase: 'load' };
  const page = await context.newPage();
  page.on('console', (m) => report.console.push({ type: m.type(), text: m.text(),
    location: m.location().url || '' }));
  page.on('dialog', (d) => {
    report.dialogs.push({ type: d.type(), message: d.message() });
    d.dismiss().catch(() => {});
  });
  page.on('pageerror', (e) => report.pageErrors.push(String(e && e.message ? e.message : e)));
  page.on('popup', (p) => {
    report.popups.push(p.url());
    p.close().catch(() => {});
  });
  page.on('websocket', (ws) => {
    if (new URL(ws.url()).hostname !== '127.0.0.1') {
      report.offHostRequests.push({ url: ws.url(), type: 'websocket' });
    }
  });
  try {
    const response = await page.goto(url, { waitUntil: 'load', timeout: LOAD_TIMEOUT_MS });
    report.status = response ? response.status() : null;
    page.on('framenavigated', (f) => {
      if (f === page.mainFrame()) report.navigations.push(f.url());
    });
    await page.waitForTimeout(SETTLE_MS);
    report.title = await page.title();
    report.valueAfterLoad = await watchedValue(page, o.watch);
    if (o.interact) {
      context.current.phase = 'interaction';
      await interact(page, url, o.interact, report);
      report.valueAfterInteraction = await watchedValue(page, o.watch);
    }
    if (o.axe) {
      context.current.phase = 'axe';
      if (page.url() !== url) {
        await page.goto(url, { waitUntil: 'load', timeout: LOAD_TIMEOUT_MS });
      }
      Object.assign(report, await runAxe(page, o.author));
    }
  } finally {
    await page.close();
  }
  return report;
}

async function newContext(browser, o, scheme) {
  const context = await browser.newContext({ colorScheme: scheme, serviceWorkers: 'block' });
  await context.exposeBinding('__checkPagesAssigned', (source, value) => {
    context.current.report.assignments.push({ value, frame: source.frame.url(),
      phase: context.current.phase });
  });
  await context.addInitScript(watchGlobal, o.watch);
  await context.route('**/*', (route) => {
    const request = route.request();
    if (new URL(request.url()).hostname === '127.0.0.1') return route.continue();
    context.current.report.offHostRequests.push({ url: request.url(),
      type: request.resourceType() });
    return route.abort('blockedbyclient');
  });
  return context;
}

async function main(argv) {
  const o = options(argv);
  if (!fs.existsSync(o.chromium)) {
    process.stderr.write(`chromium is not at ${o.chromium}: install Debian's chromium`
      + ' (apt-get install chromium, as .ci/run does)\n');
    return 1;
  }
  const started = Date.now();
  const home = fs.mkdtempSync(path.join(os.tmpdir(), 'check-pages-'));
  let browser;
  const stop = async () => {
    if (browser) await browser.close().catch(() => {});
    fs.rmSync(home, { recursive: true, force: true });
  };
  for (const signal of ['SIGTERM', 'SIGINT']) {
    process.on(signal, () => stop().finally(() => process.exit(1)));
  }
  try {
    // launch() gives chromium a new empty profile (--user-data-dir) of its own every time.
    browser = await chromium.launch({ executablePath: o.chromium, headless: true,
      args: CHROMIUM_FLAGS, env: { ...process.env, HOME: home }, timeout: 60000 });
    const out = { chromium: browser.version(), axeCore: require('axe-core/package.json').version,
      tags: AXE_TAGS, base: o.base, pages: [] };
    for (const scheme of o.schemes) {
      const context = await newContext(browser, o, scheme);
      for (const p of o.paths) {
        out.pages.push(await checkPage(context, o, p, scheme));
      }
      await context.close();
    }
    out.durationMs = Date.now() - started;
    process.stdout.write(JSON.stringify(out, null, 2) + '\n');
    return 0;
  } finally {
    await stop();
  }
}

main(process.argv.slice(2)).then((code) => process.exit(code), (e) => {
  process.stderr.write(`check-pages: ${e && e.stack ? e.stack : e}\n`);
  process.exit(1);
});
