export { canonicalSerial, type CertificateSerial } from './certificate-serial.ts';
export type { ControlPlane, UserPoolClientDescription } from './control-plane.ts';
export type {
  ApiCallEvidence,
  ApiKeyEvidence,
  CertificateEvidence,
  ControlPlaneEvidence,
  DecisionEvidence,
  Evidence,
  EvidenceKind,
  EvidenceLog,
  EvidenceOf,
  EvidenceQuery,
  ImdsRequestEvidence,
  JwtClaimsEvidence,
  JwtEvidence,
  JwtHeaderEvidence,
  RolesAnywhereSessionEvidence,
  SigV4Evidence,
  StsCallEvidence,
  TlsHandshakeEvidence,
  TokenIssuedEvidence,
} from './evidence.ts';
export { jwtEvidence } from './jwt-evidence.ts';
export { RunRefusedError, type RunRequest, type RunResult, type SandboxInstance } from './instance.ts';
export { OUTPUT_ENV_NAMES, outputsToEnv, type SandboxOutputs } from './outputs.ts';
export { SANDBOX_MODES, type Sandbox, type SandboxMode, type SandboxProvider } from './sandbox.ts';
