// The files widget.js loads, checked before use. scripts/build-widget.sh
// writes this file and the wasm-bindgen glue into dist-widget/widget.js, so
// the one `integrity` attribute a page puts on that script covers the glue,
// and writes the SHA-384 of the wasm and of the bundled data into INTEGRITY:
// each is fetched, its digest compared, and only those very bytes are used
// (the wasm compiled from them, the data handed to Rust as text). A file that
// differs is refused: the widget shows its error state and sends
// `tokenlens-error`. WebCrypto needs a secure context (https, or localhost).
const INTEGRITY = {}; // the build writes the digests here

/** The bytes at `url`, if their digest is the one the build wrote for `name`. */
async function verifiedBytes(url, name) {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`${name}: HTTP ${response.status}`);
  const bytes = await response.arrayBuffer();
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-384', bytes));
  if (`sha384-${btoa(String.fromCharCode(...digest))}` !== INTEGRITY[name]) {
    throw new Error(`${name} is not the file this widget was built with (integrity check failed)`);
  }
  return bytes;
}

/** The glue's exports, loading only checked files. */
function verifiedGlue(glue) {
  return {
    ...glue,
    default: async ({ module_or_path: url }) =>
      glue.default({ module_or_path: await verifiedBytes(url, 'tokenlens_widget_bg.wasm') }),
    setDataUrls: (snapshot, history, publishedMinutes) => {
      glue.setDataUrls(snapshot, history, publishedMinutes);
      glue.setDataLoader(async (which) =>
        new TextDecoder().decode(await verifiedBytes(which === 'snapshot' ? snapshot : history, `data/${which}.json`)),
      );
    },
  };
}
