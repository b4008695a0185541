// End-to-end harness: serves dist/ on 127.0.0.1 and drives Debian's Chromium with playwright-core
// (never a browser download). PlannerPage is the page object the specs use.
import { chromium } from 'playwright-core';
import { fileURLToPath } from 'node:url';
import { readFileSync } from 'node:fs';
import { serve } from '../../scripts/serve.mjs';

/** The text of an AWS CLI output in tests/fixtures/aws/ ("describe-services"). */
export const fixture = (name) => readFileSync(new URL(`../fixtures/aws/${name}.json`, import.meta.url), 'utf8');

export const CHROMIUM_ARGS = [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
  '--disable-component-update', '--disable-sync', '--no-first-run',
];

const DIST = fileURLToPath(new URL('../../dist', import.meta.url));

/** Starts the server and the browser; returns { url, browser, stopServer, close }. */
export async function start() {
  const server = await serve(DIST, 0);
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium', args: CHROMIUM_ARGS });
  const url = `http://127.0.0.1:${server.address().port}/`;
  const stopServer = () => new Promise((ok) => { server.close(() => ok()); server.closeAllConnections(); });
  return { url, browser, stopServer, close: async () => { await browser.close(); server.close(); } };
}

/** The page, as a user sees it: hooks from api.md, fields by their ids. */
export class PlannerPage {
  constructor(page, url) {
    this.page = page;
    this.url = url;
    this.problems = [];
    page.on('console', (m) => { if (m.type() === 'error' || m.type() === 'warning') this.problems.push(`${m.type()}: ${m.text()}`); });
    page.on('pageerror', (e) => this.problems.push(`pageerror: ${e.message}`));
  }

  /** A new page (its own context: fresh localStorage) at env.url + options.query, waiting for
   *  options.wait (default: the first result). Other options go to browser.newPage. */
  static async open(env, options = {}) {
    const { query, wait, ...context } = options;
    const page = await env.browser.newPage(context);
    const p = new PlannerPage(page, env.url);
    await page.goto(env.url + (query ?? ''));
    await page.waitForSelector(wait ?? '[data-testid=instances-needed]');
    return p;
  }

  hook(id) { return this.page.locator(`[data-testid=${id}]`).first(); }
  async value(id) { return this.hook(id).getAttribute('data-value'); }
  async text(id) { return (await this.hook(id).textContent()).trim(); }
  async count(selector) { return this.page.locator(selector).count(); }
  async fill(fieldId, text) { await this.page.fill(`#${fieldId}`, text); }
  async select(fieldId, value) { await this.page.selectOption(`#${fieldId}`, value); }
  async example(id) { await this.page.click(`[data-testid=example-${id}]`); await this.page.waitForSelector('[data-testid=example-compare]'); }
  async error(fieldId) {
    const el = this.page.locator(`[data-testid=error-${fieldId}]`);
    return (await el.count()) ? (await el.textContent()).trim() : null;
  }
  /** Opens the share panel, where imports are pasted. */
  async openImport() {
    await this.page.click('[data-testid=open-share]');
    await this.page.waitForSelector('[data-testid=import-text]', { timeout: 15000 });
  }
  /** Pastes `text` into the import box and imports it. */
  async importText(text) {
    await this.page.fill('[data-testid=import-text]', text);
    await this.page.click('[data-testid=import]');
  }
}
