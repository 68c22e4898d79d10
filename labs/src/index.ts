export { CHECK_STATUSES, type CheckStatus } from './check-status.ts';
export { LabContentError, type LabContentIssue } from './errors.ts';
export { splitFrontmatter } from './frontmatter.ts';
export {
  labCodeReferences,
  resolveLabCode,
  validateLabCode,
  type LabCodeReference,
  type LabCodeResolution,
  type LabFiles,
} from './lab-code.ts';
export { loadLab, loadLabs, type Lab, type LabStep } from './loader.ts';
export { partialSolution } from './partial-solution.ts';
export { extractRegion, stripRegionMarkers } from './regions.ts';
export {
  INSTANCE_ONLY_CHECK_KINDS,
  INSTANCE_ONLY_NEEDS,
  stepPlacement,
  validateRunnerPlacement,
  type StepPlacement,
} from './runner-placement.ts';
export { checkSchema, type CheckDefinition } from './schema/check.ts';
export {
  labSchema,
  labSourceSchema,
  mechanismSchema,
  sandboxNeedSchema,
  type LabDefinition,
  type LabSource,
  type Mechanism,
  type SandboxNeed,
} from './schema/lab.ts';
export { stepFrontmatterSchema, type StepFrontmatter } from './schema/step.ts';
export { templatePackages } from './template.ts';
export * from './sandbox/index.ts';
