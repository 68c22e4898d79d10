/**
 * JavaScript a lab page loads before the editor: every module script and
 * modulepreload the HTML references, gzipped. Monaco is imported dynamically
 * after the page is idle, so it is not counted, by design.
 */
import { gzipSync } from 'node:zlib';

export async function labPageInitialJs(
  siteUrl: string,
  labPath: string,
  sessionCookie?: string,
): Promise<{ files: { url: string; gzipBytes: number }[]; totalGzipBytes: number }> {
  const cookie = sessionCookie ?? ((await fetch(`${siteUrl}/`)).headers.get('set-cookie') ?? '').split(';')[0] ?? '';
  const html = await (await fetch(`${siteUrl}${labPath}`, { headers: { cookie } })).text();
  const urls = new Set<string>();
  for (const match of html.matchAll(/<script[^>]*type="module"[^>]*src="([^"]+)"/g)) if (match[1]) urls.add(match[1]);
  for (const match of html.matchAll(/<link[^>]*rel="modulepreload"[^>]*href="([^"]+)"/g)) if (match[1]) urls.add(match[1]);
  const files = await Promise.all(
    [...urls].map(async (url) => {
      const body = Buffer.from(await (await fetch(new URL(url, siteUrl))).arrayBuffer());
      return { url, gzipBytes: gzipSync(body, { level: 9 }).length };
    }),
  );
  return { files, totalGzipBytes: files.reduce((sum, file) => sum + file.gzipBytes, 0) };
}
