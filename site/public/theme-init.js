// Sets the page's theme before the first paint, from the attendee's choice
// (site/src/client/theme.ts stores it) or the system's colour scheme, and
// follows the system while no choice is stored. A file, not inline script:
// the Content-Security-Policy forbids inline script.
{
  const root = document.documentElement;
  const media = window.matchMedia('(prefers-color-scheme: dark)');
  const stored = () => {
    try {
      const value = localStorage.getItem('keyless-theme');
      return value === 'light' || value === 'dark' ? value : null;
    } catch {
      return null;
    }
  };
  root.dataset.theme = stored() ?? (media.matches ? 'dark' : 'light');
  media.addEventListener('change', () => {
    if (!stored()) root.dataset.theme = media.matches ? 'dark' : 'light';
  });
}
