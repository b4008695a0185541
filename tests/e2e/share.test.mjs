// Sharing (issue 6): the address bar holds the view, a link restores it, the browser keeps the last
// scenario, bad links fall back with notes, encode()/decode() in the API, and the embed code.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { start, PlannerPage, fixture } from './harness.mjs';

const rows = (p) => p.page.$$eval('[data-testid=recommend-table] tr[data-testid=recommend-row]',
  (trs) => trs.map((tr) => ({ type: tr.dataset.type })));

let env;
before(async () => { env = await start(); });
after(async () => { await env.close(); });

test('the address bar follows every edit, and opening the link restores the view exactly', async () => {
  const p = await PlannerPage.open(env);
  const entries = await p.page.evaluate(() => history.length);
  await p.fill('services-0-cpu', '0.5 vCPU');
  await p.fill('services-0-desiredCount', '23');
  await p.select('instanceType', 'm6g.large').catch(async () => { await p.fill('instanceType', 'm6g.large'); });
  await p.page.waitForFunction(() => location.search.includes('type=m6g.large'));
  const search = await p.page.evaluate(() => location.search);
  assert.match(search, /^\?v=1&type=m6g\.large&svc=api,0\.5\+vCPU,512\+MiB,23/);
  // Replaced, not pushed: no history entry per keystroke.
  assert.equal(await p.page.evaluate(() => history.length), entries);
  const needed = await p.value('instances-needed');
  // A fresh browser context (no localStorage) opening the link sees the same view.
  const q = await PlannerPage.open(env, { query: search });
  assert.equal(await q.page.inputValue('#services-0-cpu'), '0.5 vCPU');
  assert.equal(await q.page.inputValue('#services-0-desiredCount'), '23');
  assert.equal(await q.value('instances-needed'), needed);
  assert.equal(await q.count('[data-testid=link-notes]'), 0);
  assert.deepEqual([...p.problems, ...q.problems], []);
});

test('a link reopens the panels with their own settings: the timeline run and the recommender', async () => {
  const p = await PlannerPage.open(env);
  await p.page.click('[data-testid=open-timeline]');
  await p.page.waitForSelector('[data-testid=timeline-summary] tr[data-run=with]', { timeout: 15000 });
  await p.select('run-load-preset', 'points');
  await p.page.fill('#run-load-points', '0,50\n10,400\n60,400');
  await p.fill('run-durationMinutes', '60');
  await p.fill('run-variantTarget', '90');
  await p.page.uncheck('#run-protection');
  await p.page.click('[data-testid=open-cost]');
  await p.page.waitForSelector('[data-testid=recommend-table] tr[data-testid=recommend-row]', { timeout: 15000 });
  await p.page.click('button[data-sort=waste]');
  await p.page.click('button[data-sort=waste]');
  await p.select('recommend-arch', 'arm64');
  await p.page.waitForFunction(() => location.search.includes('r.arch=arm64') && location.search.includes('t.protect=0'));
  const search = await p.page.evaluate(() => location.search);
  assert.equal(search, '?v=1&open=timeline,cost&t.load=points&t.minutes=60&t.curve=0,50~10,400~60,400&t.variant=90&t.protect=0&r.sort=waste&r.desc=1&r.arch=arm64');
  // The timeline re-runs 300 ms after its settings settle: read its summary once it shows them.
  await p.page.waitForFunction(() => /at 90 %/.test(document.querySelector('[data-testid=timeline-summary]')?.textContent ?? '')
    && document.querySelector('[data-testid=timeline]')?.dataset.busy === 'false', null, { timeout: 15000 });
  const before = await p.page.textContent('[data-testid=timeline-summary]');
  const types = await rows(p);
  // A fresh browser context opening the link: both panels open by themselves, as they were.
  const q = await PlannerPage.open(env, { query: search });
  await q.page.waitForSelector('[data-testid=timeline-summary] tr[data-run=variant]', { timeout: 15000 });
  await q.page.waitForSelector('[data-testid=recommend-table] tr[data-testid=recommend-row]', { timeout: 15000 });
  assert.equal(await q.page.inputValue('#run-load-preset'), 'points');
  assert.equal(await q.page.inputValue('#run-load-points'), '0,50\n10,400\n60,400');
  assert.equal(await q.page.inputValue('#run-durationMinutes'), '60');
  assert.equal(await q.page.isChecked('#run-protection'), false);
  assert.equal(await q.page.textContent('[data-testid=timeline-summary]'), before);
  assert.equal(await q.page.inputValue('#recommend-arch'), 'arm64');
  assert.equal(await q.page.getAttribute('th:has(button[data-sort=waste])', 'aria-sort'), 'descending');
  assert.deepEqual((await rows(q)).map((r) => r.type), types.map((r) => r.type));
  assert.equal(await q.page.evaluate(() => location.search), search);
  assert.equal(await q.count('[data-testid=timeline-link-notes]'), 0);
  // Embedded, the timeline view runs with the link's settings too.
  const e = await PlannerPage.open(env, { query: search + '&embed=1&view=timeline', wait: '[data-testid=embed] [data-testid=timeline-summary] tr[data-run=variant]' });
  assert.equal(await e.page.getAttribute('#timeline-cursor', 'max'), '60');
  assert.equal(await e.count('#services-0-cpu'), 0);
  // Bad panel settings in a link: noted in the panel, and the defaults used.
  const bad = await PlannerPage.open(env, { query: '?v=1&open=timeline,cost,nope&t.minutes=forever&t.zz=1&r.sort=price&r.family=m9z' });
  assert.match(await bad.page.textContent('[data-testid=link-notes]'), /panels that do not exist \("nope"\)/);
  await bad.page.waitForSelector('[data-testid=timeline-link-notes]', { timeout: 15000 });
  const notes = await bad.page.textContent('[data-testid=timeline-link-notes]');
  assert.match(notes, /run\.durationMinutes from the link was not valid/);
  assert.match(notes, /"zz" is unknown/);
  assert.equal(await bad.page.inputValue('#run-durationMinutes'), '240');
  await bad.page.waitForSelector('[data-testid=cost-link-notes]', { timeout: 15000 });
  assert.match(await bad.page.textContent('[data-testid=cost-link-notes]'), /column "price" is unknown/);
  // A family no type has is kept, shown in its select, and the table says nothing matches.
  assert.equal(await bad.page.inputValue('#recommend-family'), 'm9z');
  assert.match(await bad.page.textContent('#recommend-family option:checked'), /m9z \(matches no type\)/);
  assert.match(await bad.page.textContent('[data-testid=recommend-count]'), /^0 of \d+ types shown/);
  assert.deepEqual([...p.problems, ...q.problems, ...e.problems, ...bad.problems], []);
});

test('the last scenario comes back when the page opens without a query', async () => {
  const p = await PlannerPage.open(env);
  await p.fill('services-0-desiredCount', '31');
  await p.page.waitForFunction(() => localStorage.getItem('ecs-capacity:last')?.includes(',31'));
  await p.page.goto(env.url);
  await p.page.waitForSelector('[data-testid=instances-needed]');
  assert.equal(await p.page.inputValue('#services-0-desiredCount'), '31');
});

test('a bad link falls back with visible notes; encode() and decode() in the API', async () => {
  const p = await PlannerPage.open(env, { query: '?v=1&tc=500&zzz=1&svc=api,abc,512,4' });
  const notes = await p.page.textContent('[data-testid=link-notes]');
  assert.match(notes, /"zzz" is unknown/);
  assert.match(notes, /capacityProvider\.targetCapacity from the link was not valid/);
  assert.match(notes, /services\[0\]\.cpu from the link was not valid/);
  assert.equal(await p.page.inputValue('#services-0-desiredCount'), '4');
  assert.equal(await p.count('[data-testid=error-summary]'), 0);
  const api = await p.page.evaluate(() => {
    const s = { instanceType: 'm6g.large', services: [{ name: 'api', cpu: 256, memory: 512, desiredCount: 40, networkMode: 'awsvpc' }] };
    const q = window.ecsCapacity.encode(s);
    const d = window.ecsCapacity.decode(q);
    return { q, d, same: JSON.stringify(window.ecsCapacity.plan(s)) === JSON.stringify(window.ecsCapacity.plan(d.scenario)), bad: window.ecsCapacity.encode({ servics: 1 }), junk: window.ecsCapacity.decode('%%%&&==,,') };
  });
  assert.equal(api.q, 'v=1&type=m6g.large&svc=api,256,512,40,awsvpc&dmn=-');
  assert.equal(api.d.ok, true);
  assert.ok(api.same);
  assert.equal(api.bad.ok, false);
  assert.equal(api.junk.ok, true);
  // decode() never throws, whatever it is given; encode() refuses what a link would lose.
  const odd = await p.page.evaluate(() => {
    const e = window.ecsCapacity;
    const custom = { instance: { vcpu: 2, memoryMiB: 4096, maxEnis: 3 }, services: [{ memory: 512 }] };
    return {
      nullProto: e.decode(Object.create(null)),
      throwing: e.decode({ toString() { throw 1; } }),
      custom: e.encode(custom),
      many: e.encode({ services: Array.from({ length: 150 }, (_, i) => ({ name: 's' + i, memory: 512 })) }),
    };
  });
  for (const d of [odd.nullProto, odd.throwing]) {
    assert.equal(d.ok, true);
    assert.match(d.notes[0], /not text/);
  }
  assert.equal(odd.custom.ok, false);
  assert.equal(odd.custom.errors[0].path, 'instance');
  assert.equal(odd.many.ok, false);
  assert.equal(odd.many.errors[0].path, 'services');
});

test('the share panel gives the link and the embed code; ?embed=1 shows a compact view', async () => {
  const p = await PlannerPage.open(env);
  await p.fill('services-0-desiredCount', '12');
  await p.page.click('[data-testid=open-share]');
  await p.page.waitForSelector('[data-testid=embed-code]', { timeout: 15000 });
  await p.select('embed-view', 'cas');
  const code = await p.page.inputValue('[data-testid=embed-code]');
  assert.match(code, /^<iframe src="http:\/\/127\.0\.0\.1:\d+\/\?v=1&svc=api,0\.25\+vCPU,512\+MiB,12&embed=1&view=cas"/);
  const src = code.match(/src="([^"]+)"/)[1];
  const e = await PlannerPage.open(env, { query: src.slice(env.url.length), wait: '[data-testid=embed] [data-testid=cas-reservation]' });
  assert.equal(await e.count('#services-0-cpu'), 0);
  assert.equal(await e.count('svg[data-testid=packing]'), 0);
  assert.deepEqual([...p.problems, ...e.problems], []);
});

async function download(page, selector) {
  const [d] = await Promise.all([page.waitForEvent('download'), page.click(selector)]);
  const chunks = [];
  for await (const c of await d.createReadStream()) chunks.push(c);
  return { name: d.suggestedFilename(), body: Buffer.concat(chunks) };
}

test('exports: the Markdown holds the numbers shown; JSON, CSV, SVG and PNG download', async () => {
  const p = await PlannerPage.open(env, { acceptDownloads: true });
  await p.fill('services-0-desiredCount', '100');
  await p.page.waitForFunction(() => document.querySelector('[data-testid=instances-needed]').dataset.value === '15');
  const shown = {
    needed: await p.value('instances-needed'), perInstance: await p.value('tasks-per-instance'),
    desired: await p.value('desired-instances'), decision: await p.value('decision'),
  };
  await p.page.click('[data-testid=open-share]');
  await p.page.waitForSelector('[data-testid=export-markdown]', { timeout: 15000 });
  const md = (await download(p.page, '[data-testid=export-markdown]')).body.toString();
  assert.match(md, new RegExp(`\\| Instances needed \\| ${shown.needed} \\|`));
  assert.match(md, new RegExp(`\\| api tasks per instance \\| ${shown.perInstance} \\(limited by`));
  assert.match(md, new RegExp(`\\| Desired instances \\| ${shown.desired} \\|`));
  assert.match(md, new RegExp(`\\| Decision \\| \\*\\*${shown.decision}\\*\\* \\|`));
  assert.match(md, /\| EC2 \| \$\d+\.\d\d \|/);
  assert.match(md, /<http:\/\/127\.0\.0\.1:\d+\/\?v=1&svc=api,0\.25\+vCPU,512\+MiB,100>/);
  const json = JSON.parse((await download(p.page, '[data-testid=export-json]')).body.toString());
  assert.equal(json.services[0].desiredCount, 100);
  const csv = (await download(p.page, '[data-testid=export-placement-csv]')).body.toString().trim().split('\n');
  assert.equal(csv.length, 1 + Number(shown.needed));
  assert.match(csv[1], /^1,t4g\.medium,a,api=7,log-router,/);
  const svg = await download(p.page, '[data-testid=export-svg-packing]');
  assert.equal(svg.name, 'packing.svg');
  // The file says what it shows on its own: its heading, its legend and the scenario in one line.
  const head = svg.body.toString();
  assert.match(head, /<text[^>]*font-weight="600"[^>]*>How the tasks pack<\/text>/);
  assert.match(head, /<text[^>]*>api 100 x 256 CPU \/ 512 MiB; 1 daemon; t4g\.medium; \d+ instances needed<\/text>/);
  assert.match(head, /<text[^>]*>api \(256 CPU units, 512 MiB\) · daemons · free<\/text>/);
  assert.match(svg.body.toString(), /^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg"[^>]*><style><!\[CDATA\[/);
  // The page's own rules, read from its stylesheet, style the file (the packing chart's hit areas).
  assert.match(head, /svg\.packing \.hit \{ fill: transparent; cursor: pointer; \}/);
  const png = await download(p.page, '[data-testid=export-png-packing]');
  assert.deepEqual([...png.body.subarray(0, 4)], [0x89, 0x50, 0x4e, 0x47]);
  // The timeline's CSV: every minute of every run.
  await p.page.click('[data-testid=open-timeline]');
  await p.page.waitForSelector('[data-testid=export-timeline-csv]', { timeout: 15000 });
  const tl = (await download(p.page, '[data-testid=export-timeline-csv]')).body.toString().trim().split('\n');
  assert.match(tl[0], /^run,minute,load,served/);
  assert.ok(tl.length > 2 * 240, String(tl.length));
  // Every chart open on the page is offered: with the timeline and cost open, all four.
  await p.page.click('[data-testid=open-cost]');
  await p.page.waitForSelector('[data-testid=export-svg-waste-bars]', { timeout: 15000 });
  for (const id of ['packing', 'timeline-chart', 'recommend-scatter', 'waste-bars']) {
    assert.equal(await p.count(`[data-testid=export-svg-${id}]`), 1, id);
    assert.equal(await p.count(`[data-testid=export-png-${id}]`), 1, id);
  }
  const bars = await download(p.page, '[data-testid=export-svg-waste-bars]');
  assert.match(bars.body.toString(), /^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg"[^>]*><style>.*<rect class="[a-z-]+" x=/s);
  // Exported charts keep their own class, so the stylesheet's rules for them apply in the file
  // (without it the timeline's hover strips were filled black and the scatter lost its colours).
  for (const [id, cls] of [['timeline-chart', 'timeline-svg'], ['recommend-scatter', 'scatter'], ['packing', 'packing']]) {
    const file = (await download(p.page, `[data-testid=export-svg-${id}]`)).body.toString();
    assert.match(file, new RegExp(`<svg class="${cls}" x="0" y="[0-9.]+"`), id);
  }
  // A name with a no-break space and a control character still gives a file XML can read.
  await p.fill('services-0-name', 'a\u00a0b\u0001c');
  await p.page.waitForFunction(() => document.querySelector('svg[data-testid=packing] title')?.textContent.includes('a\u00a0b'));
  const odd = (await download(p.page, '[data-testid=export-svg-packing]')).body.toString();
  // Parsed on a blank page: the app's CSP would report the file's <style> as an inline style.
  const blank = await env.browser.newPage();
  assert.equal(await blank.evaluate((text) => new DOMParser().parseFromString(text, 'image/svg+xml').querySelector('parsererror') === null, odd), true);
  await blank.close();
  assert.match(odd, /a&#160;b\uFFFDc/);
  const tpng = await download(p.page, '[data-testid=export-png-timeline-chart]');
  assert.deepEqual([...tpng.body.subarray(0, 4)], [0x89, 0x50, 0x4e, 0x47]);
  assert.deepEqual(p.problems, []);
});

test('import: the four CLI outputs build the scenario in the page; an error names its path and changes nothing', async () => {
  const p = await PlannerPage.open(env);
  await p.openImport();
  const load = (text) => p.importText(text);
  await load(fixture('describe-task-definition'));
  // The page held its untouched opening example: the imported service replaces its "api".
  await p.page.waitForFunction(() => document.querySelector('#services-0-name')?.value === 'flask-api');
  assert.equal(await p.count('#services-1-name'), 0);
  assert.match(await p.page.textContent('[data-testid=import-notes]'), /replace its service/);
  await load(fixture('describe-services'));
  await p.page.waitForSelector('[data-testid=import-notes] li');
  await load(fixture('describe-container-instances'));
  await p.page.waitForFunction(() => document.querySelector('#runningInstances')?.value === 't4g.medium=2');
  await load(fixture('describe-capacity-providers'));
  await p.page.waitForFunction(() => document.querySelector('#capacityProvider-targetCapacity')?.value === '80');
  assert.equal(await p.page.inputValue('#registeredMemoryMiB'), '3785');
  // describe-services names "api", whose task definition is flask-api: that service takes its
  // desired count; log-router became a daemon.
  assert.equal(await p.page.inputValue('#services-0-desiredCount'), '10');
  assert.equal(await p.page.inputValue('#daemons-0-name'), 'log-router');
  assert.equal(await p.value('decision'), 'scale-out');
  // A broken file: nothing changes, the path is named.
  const before = await p.page.evaluate(() => location.search);
  await load(fixture('describe-task-definition').replace('"memory": 384', '"memory": "lots"'));
  assert.match(await p.page.textContent('[data-testid=import-errors]'), /taskDefinition\.containerDefinitions\[0\]\.memory: expected a number, got "lots"/);
  assert.equal(await p.page.evaluate(() => location.search), before);
  assert.deepEqual(p.problems, []);
});

test('import from a file: chosen with the file input, or dropped on the text box', async () => {
  const { readFileSync } = await import('node:fs');
  const path = new URL('../fixtures/aws/describe-capacity-providers.json', import.meta.url);
  const text = readFileSync(path, 'utf8');
  const p = await PlannerPage.open(env);
  await p.openImport();
  await p.page.setInputFiles('#import-file', path.pathname);
  await p.page.waitForFunction((t) => document.querySelector('[data-testid=import-text]').value === t, text, { timeout: 5000 });
  await p.page.click('[data-testid=import]');
  await p.page.waitForFunction(() => document.querySelector('#capacityProvider-targetCapacity')?.value === '80');
  // Dropped: the same file, with the target edited, dropped on the text box.
  await p.page.fill('[data-testid=import-text]', '');
  await p.page.evaluate((t) => {
    const dt = new DataTransfer();
    dt.items.add(new File([t], 'providers.json', { type: 'application/json' }));
    document.querySelector('[data-testid=import-text]').dispatchEvent(new DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true }));
  }, text.replace('"targetCapacity": 80', '"targetCapacity": 70'));
  await p.page.waitForFunction(() => document.querySelector('[data-testid=import-text]').value.includes('"targetCapacity": 70'), null, { timeout: 5000 });
  await p.page.click('[data-testid=import]');
  await p.page.waitForFunction(() => document.querySelector('#capacityProvider-targetCapacity')?.value === '70');
  assert.deepEqual(p.problems, []);
});

test('printing fits the plan on one page, without the input forms but with what was planned', async () => {
  const p = await PlannerPage.open(env);
  assert.equal(await p.page.isVisible('[data-testid=print-inputs]'), false);
  await p.page.emulateMedia({ media: 'print' });
  assert.equal(await p.page.isVisible('#services-0-cpu'), false);
  assert.equal(await p.page.isVisible('[data-testid=instances-needed]'), true);
  const inputs = await p.page.textContent('[data-testid=print-inputs]');
  assert.match(inputs, /api25651210bridge/);
  assert.match(inputs, /Instance type t4g\.medium; daemons: log-router \(64 CPU units, 128 MiB\)\./);
  assert.equal(await p.page.isVisible('[data-testid=print-inputs]'), true);
  const pdf = (await p.page.pdf({ format: 'A4', printBackground: false })).toString('latin1');
  const pages = (pdf.match(/\/Type\s*\/Page[^s]/g) ?? []).length;
  assert.equal(pages, 1, `${pages} pages`);
});

test('loading an example or an import keeps the scenario before it one step back, offered until the next edit', async () => {
  const p = await PlannerPage.open(env, { query: '?v=1&svc=api,256,512,17' });
  const first = await p.page.locator('[data-testid^=example-]').first().getAttribute('data-testid');
  await p.page.click(`[data-testid=${first}]`);
  await p.page.waitForSelector('[data-testid=back-to-scenario]');
  assert.notEqual(await p.page.inputValue('#services-0-desiredCount'), '17');
  await p.page.click('[data-testid=back-to-scenario] button');
  await p.page.waitForFunction(() => document.querySelector('#services-0-desiredCount').value === '17');
  assert.equal(await p.count('[data-testid=back-to-scenario]'), 0);
  assert.match(await p.page.evaluate(() => location.search), /svc=api,256,512,17/);
  // An import, then an edit: the offer goes with the edit; the browser's Back still returns.
  await p.page.click('[data-testid=open-share]');
  await p.page.fill('[data-testid=import-text]', JSON.stringify({ taskDefinition: { family: 'web', cpu: '512', memory: '1024', networkMode: 'awsvpc', containerDefinitions: [{ name: 'web', image: 'web', essential: true }] } }));
  await p.page.click('[data-testid=import]');
  await p.page.waitForSelector('[data-testid=back-to-scenario]');
  await p.fill('services-0-desiredCount', '9');
  await p.page.waitForFunction(() => !document.querySelector('[data-testid=back-to-scenario]'));
  await p.page.goBack();
  await p.page.waitForFunction(() => document.querySelector('#services-0-desiredCount').value === '17');
  assert.deepEqual(p.problems, []);
});

test('embedding: the code sizes the iframe from the part shown, offers the listener apart, picks colours; view=packing shows the chart first and alone', async () => {
  const p = await PlannerPage.open(env);
  await p.page.click('[data-testid=open-share]');
  await p.select('embed-view', 'cas');
  const code = await p.page.inputValue('[data-testid=embed-code]');
  const height = Number(/height="(\d+)"/.exec(code)[1]);
  const cas = await p.page.$eval('section.panel.cas', (el) => el.offsetHeight);
  assert.ok(height >= cas && height <= cas + 100, `iframe ${height} px for a CAS view of ${cas} px`);
  assert.doesNotMatch(code, /<script/);
  assert.match(await p.page.inputValue('[data-testid=embed-listener]'), /ecs-capacity:height/);
  await p.select('embed-theme', 'dark');
  assert.match(await p.page.inputValue('[data-testid=embed-code]'), /embed=1&view=cas&theme=dark/);
  // Embedded on a dark system, the page is light unless asked; theme=dark makes it dark.
  const ctx = await env.browser.newContext({ colorScheme: 'dark' });
  const bg = async (q) => {
    const page = await ctx.newPage();
    await page.goto(env.url + q);
    await page.waitForSelector('[data-testid=embed]');
    const c = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
    await page.close();
    return c;
  };
  assert.equal(await bg('?v=1&embed=1&view=cas'), 'rgb(255, 255, 255)');
  assert.equal(await bg('?v=1&embed=1&view=cas&theme=dark'), 'rgb(13, 17, 23)');
  await ctx.close();
  const e = await PlannerPage.open(env, { query: '?v=1&embed=1&view=packing', wait: '[data-testid=embed] svg[data-testid=packing]' });
  assert.equal(await e.count('[data-testid=instances-needed]'), 0);
  const first = await e.page.$eval('.outputs', (el) => el.firstElementChild.className);
  assert.match(first, /chart/);
  assert.deepEqual(p.problems, []);
});

test('a PNG export that fails says so', async () => {
  const p = await PlannerPage.open(env);
  await p.page.click('[data-testid=open-share]');
  // The browser gives no PNG (as a canvas too large for it does).
  await p.page.evaluate(() => { HTMLCanvasElement.prototype.toBlob = function (cb) { cb(null); }; });
  await p.page.click('[data-testid=export-png-packing]');
  await p.page.waitForSelector('[data-testid=export-failed]');
  assert.match(await p.page.textContent('[data-testid=export-failed]'), /packing\.png could not be made: the canvas gave no PNG/);
});
