// @ts-check
import mdx from '@astrojs/mdx';
import node from '@astrojs/node';
import { defineConfig } from 'astro/config';
import { labDeclarations } from './src/build/lab-declarations-plugin.ts';
import { precompress } from './src/build/precompress.ts';

// Every page is rendered on demand: pages show per-attendee progress.
// `middleware` mode lets our own server entry (src/server/serve.ts) own the
// HTTP server and hand the runtime (store, sandboxes) to Astro as locals.
export default defineConfig({
  output: 'server',
  adapter: node({ mode: 'middleware' }),
  // precompress() last: it compresses the finished client bundle (see src/build/precompress.ts).
  integrations: [mdx(), precompress()],
  devToolbar: { enabled: false },
  security: { checkOrigin: true },
  vite: {
    // The editor's type declarations of the lab template's packages, as a lazily loaded chunk.
    plugins: [labDeclarations()],
    build: {
      // Monaco, the TypeScript worker (the compiler) and the packages' declarations are large lazily loaded chunks by design.
      chunkSizeWarningLimit: 8000,
      // Small scripts stay separate files so the CSP can forbid inline script.
      assetsInlineLimit: 0,
      rollupOptions: {
        onwarn(warning, warn) {
          // MDX modules carry Astro's own "use astro:head-inject" directive; bundling it is expected.
          if (warning.code === 'MODULE_LEVEL_DIRECTIVE') return;
          warn(warning);
        },
      },
    },
    ssr: { external: ['node:sqlite'] },
  },
});
