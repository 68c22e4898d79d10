// @ts-check
import mdx from '@astrojs/mdx';
import node from '@astrojs/node';
import { defineConfig } from 'astro/config';

// Every page is rendered on demand: pages show per-attendee progress.
// `middleware` mode lets our own server entry (src/server/serve.ts) own the
// HTTP server and hand the runtime (store, sandboxes) to Astro as locals.
export default defineConfig({
  output: 'server',
  adapter: node({ mode: 'middleware' }),
  integrations: [mdx()],
  devToolbar: { enabled: false },
  security: { checkOrigin: true },
  vite: {
    build: { chunkSizeWarningLimit: 6000 },
    ssr: { external: ['node:sqlite'] },
  },
});
