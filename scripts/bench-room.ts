// `npm run bench:room`: 150 simulated attendees looping Run/Check for 60 s (BENCH_ATTENDEES, BENCH_SECONDS).
import { describeRoom, simulateRoom } from '../site/bench/room.ts';

const figures = await simulateRoom({
  labId: process.env.BENCH_LAB ?? 'cognito-client-credentials',
  attendees: Number(process.env.BENCH_ATTENDEES ?? 150),
  seconds: Number(process.env.BENCH_SECONDS ?? 60),
});
console.log(describeRoom(figures));
process.exitCode = figures.errors.length === 0 ? 0 : 1;
