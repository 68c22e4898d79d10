import type { CheckStatus } from '@keyless/labs';
import type { LabReport } from './engine.ts';

const MARK: Readonly<Record<CheckStatus, string>> = { pass: '✔', fail: '✖' };

/** A report as readable terminal text: one line per check, with the hint under failures. */
export function formatReport(title: string, report: LabReport): string {
  const lines = [title];
  for (const result of report.results) {
    lines.push(`  ${MARK[result.status]} ${result.title}`, `      ${result.explanation}`);
    if (result.status === 'fail') lines.push(`      Try: ${result.hint}`);
  }
  const passed = report.results.filter((result) => result.status === 'pass').length;
  lines.push('', `${passed} of ${report.results.length} checks passed.`);
  return lines.join('\n');
}
