/**
 * The editor's type declarations (lab-declarations.ts) as one JSON file of
 * the client build, `/_astro/lab-declarations.<hash>.json`, which the editor
 * fetches after it has mounted: only lab pages load it, once the editor is
 * up, and a new build gets a new name (the server caches `/_astro/` for good).
 * `virtual:lab-declarations` is that file's URL. A fetched file rather than
 * a dynamically imported chunk: an `import()` inside the editor's chunk
 * would pull the page's entry script into it, and Astro would then preload
 * the whole editor on every lab page.
 */
import { createHash } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import type { Plugin } from 'vite';
import { collectLabDeclarations } from './lab-declarations.ts';

const ID = 'virtual:lab-declarations';
const RESOLVED = `\0${ID}`;

export function labDeclarations(): Plugin {
  const root = fileURLToPath(new URL('../../../', import.meta.url));
  let file: { path: string; json: string } | undefined;
  const declarations = (): { path: string; json: string } => {
    if (!file) {
      const json = JSON.stringify(collectLabDeclarations({ root, templateManifest: `${root}labs/templates/node/package.json` }));
      file = { path: `_astro/lab-declarations.${createHash('sha256').update(json).digest('hex').slice(0, 12)}.json`, json };
    }
    return file;
  };
  return {
    name: 'keyless-lab-declarations',
    resolveId: (id) => (id === ID ? RESOLVED : undefined),
    load(id) {
      if (id !== RESOLVED) return undefined;
      const { path, json } = declarations();
      if (this.environment.mode === 'build') this.emitFile({ type: 'asset', fileName: path, source: json });
      return `export default ${JSON.stringify(`/${path}`)};`;
    },
    // `astro dev` has no build output: the same path, answered from memory.
    configureServer(server) {
      server.middlewares.use((request, response, next) => {
        const { path, json } = declarations();
        if (request.url !== `/${path}`) return next();
        response.setHeader('content-type', 'application/json; charset=utf-8');
        response.end(json);
      });
    },
  };
}
