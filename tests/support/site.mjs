// What every end-to-end file starts from: the built site served on 127.0.0.1,
// headless Chromium, and (when asked) the replay server standing in for the
// price providers.
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { serveStatic } from '../../scripts/static-server.mjs';
import { startReplayServer } from '../feeds/replay-server.mjs';
import { launch } from './browser.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

/**
 * Serves `dist` (under `base`), starts the replay server if `replay`, and
 * launches Chromium. `close()` stops all three, newest first; if one fails to
 * start, those already started are stopped before the error is thrown.
 */
export async function openSite({ dist = join(root, 'dist'), base = '/', replay = false } = {}) {
  const opened = [];
  const stop = async () => {
    for (const thing of opened.reverse()) await thing?.close();
  };
  try {
    const server = await serveStatic(dist, 0, { base });
    opened.push(server);
    const replayServer = replay ? await startReplayServer() : undefined;
    opened.push(replayServer);
    const browser = await launch();
    opened.push(browser);
    return { server, replay: replayServer, browser, close: stop };
  } catch (e) {
    await stop();
    throw e;
  }
}
