/**
 * Bytes on the wire for one lab page with the editor, as a browser sees them:
 * what a room of attendees pulls through the venue's Wi-Fi when everyone opens
 * the lab at once (cold), and again once their HTTP cache is warm.
 *
 * Counted from Chromium's own network events (CDP `encodedDataLength`: headers
 * plus body as received, i.e. compressed when the server compressed), so the
 * figures include what our server chose to send, not what the files weigh.
 */
import { get } from 'node:http';
import type { Browser, BrowserContext, CDPSession } from 'playwright-core';
import { launchBrowser } from '../e2e/test-support/browser.ts';

export interface WireBytesOptions {
  readonly siteUrl: string;
  /** A lab step page with the editor. */
  readonly labPath?: string;
  /** Reused when given (and left open); otherwise launched and closed here. */
  readonly browser?: Browser;
  readonly roomSize?: number;
}

export interface WireResource {
  readonly url: string;
  readonly type: string;
  /** Headers + body as received; 0 when served from the browser's cache. */
  readonly wireBytes: number;
  /** Body only, as received (compressed if it was sent compressed). */
  readonly bodyBytes: number;
  readonly contentEncoding: string;
  readonly fromCache: boolean;
}

export interface WireBytes {
  /** One lab page load in a fresh browser context, until the editor has loaded and the network is quiet. */
  readonly coldBytes: number;
  /** The same page again in the same context, with its HTTP cache. */
  readonly warmBytes: number;
  /** What one attendee's first visit costs: the cold load. */
  readonly perAttendeeCold: number;
  /** A room that opens the lab at once, each attendee cold. */
  readonly roomOf150Cold: number;
  /** The same room on a later page load, caches warm. */
  readonly roomOf150Warm: number;
  /** Script bodies (as sent) requested before Monaco's chunk: what the page needs to be interactive. Target ≤ 100 KB. */
  readonly jsBeforeEditorCompressedBytes: number;
  /** Bodies as sent, from Monaco's chunk on, of the editor itself (its chunks, styles, font and editor worker). */
  readonly editorCompressedBytes: number;
  /** Bodies as sent of the TypeScript language service (its worker, with the compiler, and Monaco's TypeScript mode). */
  readonly languageServiceCompressedBytes: number;
  /** Body as sent of the lab template's type declarations (src/build/lab-declarations.ts). */
  readonly declarationsCompressedBytes: number;
  /** Bytes of the editor's files a page without an editor (the home page) requested: 0, by design. */
  readonly editorBytesOnHomePage: number;
  readonly cold: readonly WireResource[];
  readonly warm: readonly WireResource[];
}

export const DEFAULT_LAB_PATH = '/labs/cognito-client-credentials/01-create-client';

export async function measureWireBytes(options: WireBytesOptions): Promise<WireBytes> {
  const labUrl = new URL(options.labPath ?? DEFAULT_LAB_PATH, options.siteUrl).href;
  const roomSize = options.roomSize ?? 150;
  const browser = options.browser ?? (await launchBrowser());
  try {
    const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
    try {
      const cold = await loadOnce(context, labUrl);
      // The workers' scripts come from the HTTP cache on the warm load, as every /_astro/ file does (immutable names).
      const warm = await loadOnce(context, labUrl, true, false);
      const homeContext = await browser.newContext();
      const home = await loadOnce(homeContext, new URL('/', options.siteUrl).href, false).finally(() => homeContext.close());
      const afterEditor = cold.resources.filter((resource) => !cold.beforeEditor.includes(resource));
      const coldBytes = sum(cold.resources, (resource) => resource.wireBytes);
      const warmBytes = sum(warm.resources, (resource) => resource.wireBytes);
      return {
        coldBytes,
        warmBytes,
        perAttendeeCold: coldBytes,
        roomOf150Cold: coldBytes * roomSize,
        roomOf150Warm: warmBytes * roomSize,
        jsBeforeEditorCompressedBytes: sum(
          cold.beforeEditor.filter((resource) => resource.type === 'Script'),
          (resource) => resource.bodyBytes,
        ),
        editorCompressedBytes: sum(
          afterEditor.filter((resource) => editorPart(resource.url) === 'editor'),
          (resource) => resource.bodyBytes,
        ),
        languageServiceCompressedBytes: sum(
          afterEditor.filter((resource) => editorPart(resource.url) === 'language service'),
          (resource) => resource.bodyBytes,
        ),
        declarationsCompressedBytes: sum(
          afterEditor.filter((resource) => editorPart(resource.url) === 'declarations'),
          (resource) => resource.bodyBytes,
        ),
        editorBytesOnHomePage: sum(
          home.resources.filter((resource) => editorPart(resource.url) !== undefined),
          (resource) => resource.wireBytes,
        ),
        cold: cold.resources,
        warm: warm.resources,
      };
    } finally {
      await context.close();
    }
  } finally {
    if (!options.browser) await browser.close();
  }
}

interface Pending {
  url: string;
  type: string;
  headerBytes: number;
  contentEncoding: string;
  fromCache: boolean;
  /** Requested before Monaco's chunk was. */
  beforeEditor: boolean;
}

/** Which part of the lazily loaded editor a built file is, by its name (Vite's chunk names); undefined for the page's own files. */
function editorPart(url: string): 'editor' | 'language service' | 'declarations' | undefined {
  const name = new URL(url).pathname.split('/').pop() ?? '';
  if (/^lab-declarations\./.test(name)) return 'declarations';
  if (/^(ts\.worker|tsMode)[.-]/.test(name)) return 'language service';
  if (/^(monaco-editor|editor\.api|editor\.worker|editorWebWorkerMain|editor|codicon|typescript)[.-]/.test(name)) return 'editor';
  return undefined;
}

/**
 * Loads the page in a new tab of `context` and records every request until
 * the editor is up (with its language service, when `withEditor`) and the
 * network is idle.
 */
async function loadOnce(
  context: BrowserContext,
  url: string,
  withEditor = true,
  countWorkers = true,
): Promise<{ resources: WireResource[]; beforeEditor: WireResource[] }> {
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  const pending = new Map<string, Pending>();
  const resources: WireResource[] = [];
  const beforeEditor: WireResource[] = [];
  let editorRequested = false;
  let inFlight = 0;
  listen(cdp, {
    requestWillBeSent(event) {
      // Monaco is the dynamically imported chunk; everything requested earlier is the page's own start-up.
      if (/\/monaco-editor\.[^/]*\.js$/.test(new URL(event.request.url).pathname)) editorRequested = true;
      if (!pending.has(event.requestId)) inFlight++;
      pending.set(event.requestId, {
        url: event.request.url,
        type: event.type ?? 'Other',
        headerBytes: 0,
        contentEncoding: 'identity',
        fromCache: false,
        beforeEditor: !editorRequested,
      });
    },
    responseReceived(event) {
      const entry = pending.get(event.requestId);
      if (!entry) return;
      entry.headerBytes = event.response.encodedDataLength;
      entry.contentEncoding = headerValue(event.response.headers, 'content-encoding') ?? 'identity';
      entry.fromCache = Boolean(event.response.fromDiskCache || event.response.fromPrefetchCache || event.response.fromServiceWorker);
    },
    loadingFinished(event) {
      const entry = pending.get(event.requestId);
      if (!entry) return;
      pending.delete(event.requestId);
      inFlight--;
      const resource: WireResource = {
        url: entry.url,
        type: entry.type,
        wireBytes: event.encodedDataLength,
        bodyBytes: Math.max(0, event.encodedDataLength - entry.headerBytes),
        contentEncoding: entry.contentEncoding,
        fromCache: entry.fromCache || event.encodedDataLength === 0,
      };
      resources.push(resource);
      if (entry.beforeEditor) beforeEditor.push(resource);
    },
    loadingFailed(event) {
      if (pending.delete(event.requestId)) inFlight--;
    },
  });
  // A worker's script is fetched outside the page's CDP session: counted as the server sends it to a browser (brotli).
  const workerScripts: Promise<void>[] = [];
  page.on('worker', (worker) => {
    if (!countWorkers) return;
    workerScripts.push(
      bytesAsSent(worker.url()).then((bytes) => {
        resources.push({ url: worker.url(), type: 'Worker', wireBytes: bytes, bodyBytes: bytes, contentEncoding: 'br', fromCache: false });
      }),
    );
  });
  await cdp.send('Network.enable');
  await page.goto(url, { waitUntil: 'load' });
  // The same signals the end-to-end tests wait for: Monaco mounted over the textarea, then the packages' declarations loaded.
  if (withEditor) {
    await page.locator('body[data-editor="monaco"]').waitFor({ timeout: 60_000 });
    await page.locator('#editor-host[data-language-service]').waitFor({ timeout: 60_000 });
  }
  // Monaco's worker and fonts follow the mount; wait until nothing has been in flight for a while.
  await waitForQuiet(() => inFlight, 500, 30_000);
  await Promise.all(workerScripts);
  await cdp.detach();
  await page.close();
  return { resources, beforeEditor };
}

/** Waits until `inFlight()` has been 0 for `quietMs` (a settling wait, not a measurement). */
async function waitForQuiet(inFlight: () => number, quietMs: number, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let quietSince = Date.now();
  while (Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 50));
    if (inFlight() > 0) quietSince = Date.now();
    else if (Date.now() - quietSince >= quietMs) return;
  }
}

interface NetworkEvents {
  requestWillBeSent: (event: { requestId: string; type?: string; request: { url: string } }) => void;
  responseReceived: (event: {
    requestId: string;
    response: {
      encodedDataLength: number;
      headers: Record<string, string>;
      fromDiskCache?: boolean;
      fromPrefetchCache?: boolean;
      fromServiceWorker?: boolean;
    };
  }) => void;
  loadingFinished: (event: { requestId: string; encodedDataLength: number }) => void;
  loadingFailed: (event: { requestId: string }) => void;
}

function listen(cdp: CDPSession, handlers: NetworkEvents): void {
  cdp.on('Network.requestWillBeSent', handlers.requestWillBeSent);
  cdp.on('Network.responseReceived', handlers.responseReceived);
  cdp.on('Network.loadingFinished', handlers.loadingFinished);
  cdp.on('Network.loadingFailed', handlers.loadingFailed);
}

/** The body's length as the server sends it to a browser that accepts brotli (not decoded, unlike fetch). */
function bytesAsSent(url: string): Promise<number> {
  return new Promise((resolve, reject) => {
    get(url, { headers: { 'accept-encoding': 'br, gzip' } }, (response) => {
      let bytes = 0;
      response.on('data', (chunk: Buffer) => (bytes += chunk.length));
      response.on('end', () => resolve(bytes));
      response.on('error', reject);
    }).on('error', reject);
  });
}

function headerValue(headers: Record<string, string>, name: string): string | undefined {
  const key = Object.keys(headers).find((candidate) => candidate.toLowerCase() === name);
  return key === undefined ? undefined : headers[key];
}

function sum<T>(items: readonly T[], value: (item: T) => number): number {
  return items.reduce((total, item) => total + value(item), 0);
}
