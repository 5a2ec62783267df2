// Sizes the embed iframe from the height it posts, and records its messages.
// The site's address comes from this page's `site` query parameter.
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
frame.src = new URL('embed?coins=bitcoin,ethereum&columns=price,trader_grade,signal&source=snapshot&theme=light', site).href;
