// Bytes on the wire for one lab page, cold and warm, against a fresh local server.
// node --disable-warning=ExperimentalWarning site/bench/wire-bytes-cli.ts [labPath]
import { freshDataDir, startTestServer } from '../e2e/test-support/local-server.ts';
import { measureWireBytes } from './wire-bytes.ts';

const server = await startTestServer(freshDataDir());
try {
  const figures = await measureWireBytes({ siteUrl: server.site.url, ...(process.argv[2] ? { labPath: process.argv[2] } : {}) });
  const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;
  const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;
  console.log(`lab page, cold (fresh browser)       ${kb(figures.coldBytes)}`);
  console.log(`lab page, warm (same browser again)  ${kb(figures.warmBytes)}`);
  console.log(`room of 150, cold                    ${mb(figures.roomOf150Cold)}`);
  console.log(`room of 150, warm                    ${mb(figures.roomOf150Warm)}`);
  console.log(`lab page JS before the editor        ${kb(figures.jsBeforeEditorCompressedBytes)} as sent (target ≤ 100 KB)`);
  console.log(`after it, the editor                 ${kb(figures.editorCompressedBytes)} as sent`);
  console.log(`  TypeScript language service        ${kb(figures.languageServiceCompressedBytes)} as sent`);
  console.log(`  the packages' type declarations    ${kb(figures.declarationsCompressedBytes)} as sent`);
  console.log(`editor files on the home page        ${kb(figures.editorBytesOnHomePage)} (lab pages only: 0)`);
  console.log('\ncold load, largest first:');
  for (const resource of [...figures.cold].sort((a, b) => b.wireBytes - a.wireBytes).slice(0, 12)) {
    console.log(
      `  ${kb(resource.wireBytes).padStart(10)}  ${resource.contentEncoding.padEnd(8)} ${resource.type.padEnd(10)} ${new URL(resource.url).pathname}`,
    );
  }
  const { cold: _cold, warm: _warm, ...summary } = figures;
  console.log(`\n${JSON.stringify(summary)}`);
} finally {
  await server.close();
}
