export { LabContentError } from './errors.ts';
export { splitFrontmatter } from './frontmatter.ts';
export { loadLab, loadLabs, type Lab, type LabStep } from './loader.ts';
export { partialSolution } from './partial-solution.ts';
export { extractRegion, stripRegionMarkers } from './regions.ts';
export { checkSchema, type CheckDefinition } from './schema/check.ts';
export { labSchema, mechanismSchema, sandboxNeedSchema, type LabDefinition, type Mechanism, type SandboxNeed } from './schema/lab.ts';
export { stepFrontmatterSchema, type StepFrontmatter } from './schema/step.ts';
export * from './sandbox/index.ts';
