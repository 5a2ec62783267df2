// Applies the theme chosen in Settings before the app starts, so a page
// never flashes in the other scheme (the app keeps `data-theme` up to date
// afterwards; see web/src/state.rs). An external file: the CSP allows no
// inline script.
try {
  const theme = JSON.parse(localStorage.getItem('tokenlens.settings') || '{}').theme;
  if (theme === 'light' || theme === 'dark' || theme === 'system') document.documentElement.dataset.theme = theme;
} catch {
  // Unreadable settings: the system's scheme, as by default.
}
