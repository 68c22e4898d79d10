export { LocalSandboxProvider } from './local-sandbox-provider.ts';
export { instanceEnv, type InstanceFactory } from './instance.ts';
export { localControlPlane } from './control-plane.ts';
export { openReadOnlySandboxes, type ReadOnlySandboxes } from './read-only-sandboxes.ts';
