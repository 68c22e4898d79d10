export { checkKinds } from './checks/index.ts';
export { checkLab, compileChecks, type CheckLabOptions, type CheckResult, type LabReport } from './engine.ts';
export { formatReport } from './format-report.ts';
export type { CheckKind, CheckOutcome, CheckStatus } from './types.ts';
export {
  AWS_EVIDENCE_SOURCES,
  AWS_EVIDENCE_UNAVAILABLE,
  awsUnavailableExplanation,
  type AwsEvidence,
  type AwsEvidenceSource,
} from './aws-evidence-sources.ts';
