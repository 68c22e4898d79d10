import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { parse as parseYaml } from 'yaml';
import type { z } from 'zod';
import { LabContentError } from './errors.ts';
import { splitFrontmatter } from './frontmatter.ts';
import { validateLabCode } from './lab-code.ts';
import { readLabFiles } from './lab-files.ts';
import { regionBodies } from './regions.ts';
import { validateRunnerPlacement } from './runner-placement.ts';
import { labSchema, type LabDefinition } from './schema/lab.ts';
import { stepFrontmatterSchema, type StepFrontmatter } from './schema/step.ts';

export interface LabStep {
  /** Step slug from the file name, e.g. `01-create-client`. */
  readonly slug: string;
  /** 1-based position. */
  readonly number: number;
  readonly file: string;
  readonly frontmatter: StepFrontmatter;
}

export interface Lab {
  readonly definition: LabDefinition;
  /** Folder name, e.g. `03-cognito-client-credentials`. */
  readonly folder: string;
  readonly dir: string;
  readonly steps: readonly LabStep[];
  /** starter/ files and shared/ files, path → content. */
  readonly starter: Readonly<Record<string, string>>;
  /** solution/ files and shared/ files, path → content. */
  readonly solution: Readonly<Record<string, string>>;
}

const LAB_FOLDER = /^(\d{2})-([a-z0-9]+(?:-[a-z0-9]+)*)$/;
const STEP_FILE = /^(\d{2})-[a-z0-9-]+\.mdx$/;

/** Loads every lab under `contentDir` (folders named `NN-<id>`), in order. */
export function loadLabs(contentDir: string): Lab[] {
  const folders = readdirSync(contentDir)
    .filter((name) => LAB_FOLDER.test(name) && statSync(join(contentDir, name)).isDirectory())
    .sort();
  const labs = folders.map((folder) => loadLab(join(contentDir, folder)));
  const ids = new Set(labs.map((lab) => lab.definition.id));
  for (const lab of labs) {
    for (const prerequisite of lab.definition.prerequisites) {
      if (!ids.has(prerequisite)) {
        throw new LabContentError({
          file: join(lab.dir, 'lab.yaml'),
          field: 'prerequisites',
          message: `unknown lab "${prerequisite}"`,
          hint: `use one of: ${[...ids].join(', ')}`,
        });
      }
    }
  }
  return labs;
}

/** Loads and cross-validates one lab folder. */
export function loadLab(dir: string): Lab {
  const folder = dir.split(/[\\/]/).filter(Boolean).pop() ?? dir;
  const labFile = join(dir, 'lab.yaml');
  if (!existsSync(labFile)) {
    throw new LabContentError({ file: labFile, message: 'missing', hint: 'every lab folder needs a lab.yaml' });
  }
  const definition = parseWith(labSchema, parseYaml(readFileSync(labFile, 'utf8')), labFile);
  const expectedId = LAB_FOLDER.exec(folder)?.[2];
  if (expectedId !== undefined && expectedId !== definition.id) {
    throw new LabContentError({
      file: labFile,
      field: 'id',
      message: `"${definition.id}" does not match the folder name "${folder}"`,
      hint: `set id: ${expectedId}, or rename the folder to NN-${definition.id}`,
    });
  }
  const steps = loadSteps(dir);
  const { starter, solution } = readLabFiles(dir);
  validateCrossReferences({ dir, definition, steps, starter, solution });
  validateRunnerPlacement(definition, steps);
  for (const step of steps) validateLabCode(step.file, readFileSync(step.file, 'utf8'), { starter, solution });
  return { definition, folder, dir, steps, starter, solution };
}

function loadSteps(dir: string): LabStep[] {
  const stepsDir = join(dir, 'steps');
  const files = existsSync(stepsDir)
    ? readdirSync(stepsDir)
        .filter((name) => STEP_FILE.test(name))
        .sort()
    : [];
  if (files.length === 0) {
    throw new LabContentError({ file: stepsDir, message: 'no steps', hint: 'add steps/01-<slug>.mdx' });
  }
  return files.map((name, index) => {
    const file = join(stepsDir, name);
    const split = splitFrontmatter(readFileSync(file, 'utf8'));
    if (!split) {
      throw new LabContentError({ file, message: 'no frontmatter', hint: 'start the file with ---, title:, minutes:, ---' });
    }
    return {
      slug: name.replace(/\.mdx$/, ''),
      number: index + 1,
      file,
      frontmatter: parseWith(stepFrontmatterSchema, split.data, file),
    };
  });
}

function validateCrossReferences(lab: {
  dir: string;
  definition: LabDefinition;
  steps: LabStep[];
  starter: Record<string, string>;
  solution: Record<string, string>;
}): void {
  const labFile = join(lab.dir, 'lab.yaml');
  const checkIds = new Set<string>();
  for (const check of lab.definition.checks) {
    if (checkIds.has(check.id)) {
      throw new LabContentError({
        file: labFile,
        field: `checks.${check.id}`,
        message: 'duplicate check id',
        hint: 'give each check its own id',
      });
    }
    checkIds.add(check.id);
  }
  const claimed = new Set<string>();
  for (const step of lab.steps) {
    for (const id of step.frontmatter.checks) {
      if (!checkIds.has(id)) {
        throw new LabContentError({
          file: step.file,
          field: 'checks',
          message: `unknown check "${id}"`,
          hint: `use one of the ids in lab.yaml: ${[...checkIds].join(', ')}`,
        });
      }
      claimed.add(id);
    }
  }
  for (const id of checkIds) {
    if (!claimed.has(id)) {
      throw new LabContentError({
        file: labFile,
        field: `checks.${id}`,
        message: 'no step lists this check',
        hint: 'add it to the `checks:` of the step that completes it',
      });
    }
  }
  for (const [name, files] of [
    ['starter', lab.starter],
    ['solution', lab.solution],
  ] as const) {
    if (!(lab.definition.entry in files)) {
      throw new LabContentError({
        file: join(lab.dir, name),
        field: 'entry',
        message: `has no ${lab.definition.entry}`,
        hint: `add ${name}/${lab.definition.entry} or change entry in lab.yaml`,
      });
    }
  }
  const starterRegions = new Set(Object.values(lab.starter).flatMap((source) => [...regionBodies(source).keys()]));
  const solutionRegions = new Set(Object.values(lab.solution).flatMap((source) => [...regionBodies(source).keys()]));
  for (const step of lab.steps) {
    for (const region of step.frontmatter.regions) {
      if (!starterRegions.has(region) || !solutionRegions.has(region)) {
        throw new LabContentError({
          file: step.file,
          field: 'regions',
          message: `region "${region}" is not in both starter/ and solution/`,
          hint: 'mark it with // #region <name> … // #endregion in the same file of both folders',
        });
      }
    }
  }
  const starterFiles = Object.keys(lab.starter).sort().join(',');
  if (starterFiles !== Object.keys(lab.solution).sort().join(',')) {
    throw new LabContentError({
      file: lab.dir,
      message: 'starter/ and solution/ hold different files',
      hint: 'give both folders the same file names so Show solution can diff them',
    });
  }
}

/** Parses with a zod schema, turning every issue into one LabContentError. */
function parseWith<S extends z.ZodType>(schema: S, data: unknown, file: string): z.infer<S> {
  const result = schema.safeParse(data);
  if (result.success) return result.data;
  throw LabContentError.fromZod({
    file,
    error: result.error,
    hint: 'see the field descriptions in labs/src/schema/ for what each field takes',
  });
}
