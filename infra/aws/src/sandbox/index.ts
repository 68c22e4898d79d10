/** The AWS implementation of the labs' Sandbox contract (mode `aws`). */
export { createAwsSandboxClients, type AwsSandboxClients } from './aws-clients.ts';
export {
  awsSandboxesFor,
  createAwsSandboxProvider,
  NoAwsSandboxError,
  slotOf,
  type AwsSandboxProviderOptions,
  type SandboxLocation,
} from './aws-sandbox-provider.ts';
export { AWS_CONSISTENCY_WINDOW_MS } from './consistency-window.ts';
export { AWS_RUN_LIMITS } from './ssm-instance.ts';
