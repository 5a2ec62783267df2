// A panic in the widget's Rust code (a bug) on a release build, which aborts
// and stops the page's one wasm instance: every widget of the page shows its
// error state and sends `tokenlens-error` with code INTERNAL, instead of
// going blank; nothing is thrown into the host page, and a widget added later
// says the same. The panic is deliberate, in a test build of the widget
// (`scripts/build-widget.sh --crash-test`, feature `crash-test`: a host's
// `data-test-panic` attribute, `load` or `update`, makes it panic there),
// built by this file into target/dist-widget-crash. The released widget has
// no way to panic on purpose.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { startAll, openPage, settled, hostLog, widgetText, root } from './support.mjs';

const widget = join(root, 'target', 'dist-widget-crash');
const CRASHED = 'The screener stopped because of an internal error. Reload the page to try again.';
const IDS = ['snapshot', 'live', 'top'];
let env;

before(async () => {
  const run = spawnSync('bash', ['scripts/build-widget.sh', '--crash-test', widget], { cwd: root, stdio: 'inherit' });
  assert.equal(run.status, 0, 'the crash-test build of the widget failed');
  env = await startAll({ widget });
});
after(async () => {
  await env?.close();
});

/** The host page with every widget settled (the live one on a refused provider). */
async function ready() {
  await env.faults('/cg/coins/markets', ['404', '404', '404', '404', '404', '404']);
  const opened = await openPage(env);
  await opened.page.goto(env.host.url);
  await settled(opened.page, 'snapshot');
  await settled(opened.page, 'top');
  await settled(opened.page, 'live', 'message');
  await opened.page.evaluate(() => (window.hostLog.events.length = 0));
  return opened;
}

/** Every widget shows the crash message, and sent one `tokenlens-error` INTERNAL. */
async function allStopped(page, ids = IDS) {
  await page.waitForFunction(
    ([ids, text]) => ids.every((id) => document.getElementById(id).shadowRoot.querySelector('[part~=message][role=alert]')?.textContent === text),
    [ids, CRASHED],
    { timeout: 10_000 },
  );
  for (const id of ids) assert.equal(await widgetText(page, id), CRASHED);
  const errors = (await hostLog(page)).events.filter((e) => e.type === 'tokenlens-error');
  assert.deepEqual(
    errors.map((e) => e.target).sort(),
    [...ids].sort(),
    'one tokenlens-error per widget',
  );
  for (const e of errors) assert.deepEqual(e.detail, { code: 'INTERNAL', message: CRASHED });
}

for (const at of ['load', 'update']) {
  test(`a panic in ${at === 'load' ? 'a load (a task)' : 'an update (a call from the element)'}: every widget shows its error state and sends INTERNAL`, async () => {
    const { context, page, problems, warnings } = await ready();
    await page.evaluate((at) => {
      const el = document.getElementById('top');
      el.setAttribute('data-test-panic', at);
      if (at === 'load') el.reload();
      else el.limit = 3;
    }, at);
    await allStopped(page);
    assert.ok(warnings.some((w) => w.includes(`internal error: panicked at`) && w.includes(`deliberate panic in ${at}`)), 'the panic is a console warning');
    // Nothing reached the host page as an exception or a console error.
    assert.deepEqual(problems, []);

    // Afterwards: changes, reloads and removals are quiet; a new widget says the same at once.
    await page.evaluate(() => {
      window.hostLog.events.length = 0;
      const el = document.getElementById('snapshot');
      el.limit = 2;
      el.reload();
      document.getElementById('live').remove();
      const late = document.createElement('tokenlens-screener');
      late.id = 'late';
      late.setAttribute('source', 'snapshot');
      document.body.append(late);
    });
    await allStopped(page, ['late']);
    await page.waitForTimeout(500);
    assert.equal((await hostLog(page)).events.length, 1, 'only the new widget sent an event');
    assert.equal(await widgetText(page, 'snapshot'), CRASHED);
    assert.deepEqual(problems, []);
    await context.close();
  });
}
