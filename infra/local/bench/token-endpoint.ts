/**
 * Token endpoint throughput: `node infra/local/bench/token-endpoint.ts [requests] [concurrency]`.
 * The logic is in token-endpoint-load.ts, which `npm run bench` calls too.
 */
import { measureTokenEndpoint } from './token-endpoint-load.ts';

const figures = await measureTokenEndpoint({
  total: Number(process.argv[2] ?? 5000),
  concurrency: Number(process.argv[3] ?? 64),
  serverNodeOptions: (process.env.BENCH_SERVER_NODE_OPTIONS ?? '').split(' ').filter(Boolean),
});
console.log(
  `${figures.tokens} tokens, concurrency ${figures.concurrency}: ${figures.tokensPerSecond.toFixed(0)} tokens/s (p50 ${figures.p50Ms.toFixed(1)} ms, p99 ${figures.p99Ms.toFixed(1)} ms, ${figures.errors} errors)`,
);
process.exitCode = figures.errors === 0 ? 0 : 1;
