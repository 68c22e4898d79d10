/** @keyless/aws-sandbox: the AWS half of the Sandbox contract. The barrel grows with the package. */
export * from './contract/stack-outputs.ts';
export * from './contract/tags.ts';
export * from './contract/instance-paths.ts';
export * from './contract/evidence-table.ts';
export * from './contract/attendee-names.ts';
export * from './contract/cognito-clients.ts';
export * from './sandbox/index.ts';
export * from './provisioner/index.ts';
