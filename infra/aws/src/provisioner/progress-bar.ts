/** One line of progress for a terminal: `[########............]  12/50 pooled, 1 failed  a012`. */
export function progressLine(progress: { done: number; failed: number; total: number; slot?: string }, width = 30): string {
  const filled = progress.total === 0 ? width : Math.round((progress.done / progress.total) * width);
  const bar = `${'#'.repeat(filled)}${'.'.repeat(width - filled)}`;
  const failed = progress.failed > 0 ? `, ${String(progress.failed)} failed` : '';
  return `[${bar}] ${String(progress.done).padStart(3)}/${String(progress.total)} pooled${failed}${progress.slot ? `  ${progress.slot}` : ''}`;
}
