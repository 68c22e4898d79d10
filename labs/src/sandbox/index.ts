export type { ControlPlane, UserPoolClientDescription } from './control-plane.ts';
export type {
  ApiCallEvidence,
  ControlPlaneEvidence,
  Evidence,
  EvidenceKind,
  EvidenceLog,
  EvidenceOf,
  EvidenceQuery,
  TokenIssuedEvidence,
} from './evidence.ts';
export type { RunRequest, RunResult, SandboxInstance } from './instance.ts';
export { OUTPUT_ENV_NAMES, outputsToEnv, type SandboxOutputs } from './outputs.ts';
export type { Sandbox, SandboxProvider } from './sandbox.ts';
