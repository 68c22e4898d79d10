/**
 * Loaded with `--import` into every Run, first: blocking stdout and stderr.
 * Node writes to a pipe asynchronously, so a tight `console.log` loop queues
 * its lines in the heap faster than the pipe drains: two million short lines
 * ran out of memory after 4 KB of output. With blocking writes the program
 * waits for the runner to read, and the runner sees the flood reach its
 * output cap and stops it as one. `_handle.setBlocking` is the pipe handle's
 * own switch (libuv's uv_stream_set_blocking); no public API sets it.
 */
interface BlockingHandle {
  setBlocking?: (blocking: boolean) => unknown;
}
for (const stream of [process.stdout, process.stderr]) {
  (stream as unknown as { _handle?: BlockingHandle })._handle?.setBlocking?.(true);
}
