/** The closed-loop room's summary lines, for `npm run bench:room`. */
import type { RoomFigures } from './room.ts';

export function describeRoomRuns(figures: RoomFigures): string {
  return [
    `closed loop, ${figures.attendees} attendees for ${figures.seconds} s, no think time: ${figures.runs} Runs, ${figures.checks} Checks, ${figures.errors.length} errors`,
    `Check  p50 ${figures.checkMs.p50.toFixed(0)} ms  p99 ${figures.checkMs.p99.toFixed(0)} ms`,
    `Run    p50 ${figures.runMs.p50.toFixed(0)} ms  p99 ${figures.runMs.p99.toFixed(0)} ms  (the runner is never idle: every Run waits behind the concurrency cap)`,
    ...figures.errors.slice(0, 5).map((error) => `  error: ${error}`),
  ].join('\n');
}
