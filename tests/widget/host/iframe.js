// Sizes the embed iframe from the height it posts, and records its messages.
// The site's address comes from this page's `site` query parameter; the embed
// page's query from `query` (a snapshot of two coins by default).
const log = { messages: [] };
window.hostLog = log;
const site = new URL(location.href).searchParams.get('site');
const frame = document.getElementById('frame');
window.addEventListener('message', (event) => {
  if (event.source !== frame.contentWindow || typeof event.data?.type !== 'string') return;
  log.messages.push({ origin: event.origin, data: event.data });
  if (event.data.type === 'tokenlens:resize' && Number.isFinite(event.data.height)) {
    frame.height = String(event.data.height);
  }
});
const query = new URL(location.href).searchParams.get('query') ?? 'coins=bitcoin,ethereum&columns=price,trader_grade,signal&source=snapshot&theme=light';
frame.src = new URL(`embed?${query}`, site).href;
