/** Provisioning and tearing down an event's AWS sandboxes; scripts/provision.ts and scripts/teardown.ts are thin CLIs over this. */
export { withBackoff, isThrottle, type BackoffOptions } from './backoff.ts';
export { estimate, type Estimate } from './estimate.ts';
export { preflight, type PreflightClients, type PreflightReport, type QuotaCheck } from './preflight.ts';
export { PRICES, PRICES_AS_OF, PRICES_REGION } from './prices.ts';
export { provision, type PoolSink, type ProvisionOptions, type ProvisionResult } from './provision.ts';
export { fileStateStore, memoryStateStore, type ProvisionState, type StateStore } from './state-file.ts';
export { sdkClientFactory, type SweepClientFactory } from './sweep-deleters.ts';
export { teardown, type TeardownOptions, type TeardownResult } from './teardown.ts';
export { templatesFromDirectory, type StackTemplate, type TemplateSource } from './templates.ts';
export { parseProvisionArgs, parseTeardownArgs, UsageError, type ProvisionArgs } from './cli-args.ts';
export { progressLine } from './progress-bar.ts';
