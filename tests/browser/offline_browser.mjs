// Debian's Chromium, headless, as the browser tests drive it: with the network shut (every
// request but the page's own file:, blob: and data: URLs is aborted and listed in `fetched`).
export async function offlineBrowser(chromium) {
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync'] });
  const context = await browser.newContext({ acceptDownloads: true, viewport: { width: 1200, height: 900 } });
  const fetched = [];
  await context.route('**/*', (route) => {
    const url = route.request().url();
    if (url.startsWith('file:') || url.startsWith('blob:') || url.startsWith('data:')) { return route.continue(); }
    fetched.push(url);
    return route.abort();
  });
  return { browser, context, fetched };
}
