export { canonicalSerial, type CertificateSerial } from './certificate-serial.ts';
export type { ControlPlane, UserPoolClientDescription } from './control-plane.ts';
export type {
  ApiCallEvidence,
  CertificateEvidence,
  ControlPlaneEvidence,
  DecisionEvidence,
  Evidence,
  EvidenceKind,
  EvidenceLog,
  EvidenceOf,
  EvidenceQuery,
  ImdsRequestEvidence,
  RolesAnywhereSessionEvidence,
  StsCallEvidence,
  TlsHandshakeEvidence,
  TokenIssuedEvidence,
} from './evidence.ts';
export { RunRefusedError, type RunRequest, type RunResult, type SandboxInstance } from './instance.ts';
export { OUTPUT_ENV_NAMES, outputsToEnv, type SandboxOutputs } from './outputs.ts';
export { SANDBOX_MODES, type Sandbox, type SandboxMode, type SandboxProvider } from './sandbox.ts';
