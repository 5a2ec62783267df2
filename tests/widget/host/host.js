// The host page's own script: records what the widgets tell the page, and
// any Content-Security-Policy violation, for the tests to read.
const log = { events: [], violations: [] };
window.hostLog = log;
for (const type of ['tokenlens-ready', 'tokenlens-error', 'tokenlens-select']) {
  document.addEventListener(type, (event) => {
    log.events.push({ type, target: event.target.id, detail: { ...event.detail } });
  });
}
document.addEventListener('securitypolicyviolation', (event) => {
  log.violations.push({ directive: event.violatedDirective, blocked: event.blockedURI });
});
