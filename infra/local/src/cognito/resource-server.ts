import { z } from 'zod';
import type { ResourceServer } from './client-store.ts';
import { validationErrors } from './errors.ts';

/** Name, scopes and their constraints, shared by Create- and UpdateResourceServer (Cognito API reference, ResourceServerType). */
export const resourceServerShape = {
  UserPoolId: z.string().optional(),
  Identifier: z.string().optional(),
  Name: z.string().optional(),
  Scopes: z.array(z.object({ ScopeName: z.string().optional(), ScopeDescription: z.string().optional() })).optional(),
};

const IDENTIFIER = /^[\x21\x23-\x5B\x5D-\x7E]+$/;
const NAME = /^[\w\s+=,.@-]+$/;
/** A scope name may not contain `/` (it separates identifier and scope in `identifier/scope`). */
const SCOPE_NAME = /^[\x21\x23-\x2E\x30-\x5B\x5D-\x7E]+$/;
export const MAX_SCOPES = 100;

type Problem = { path: string; value: unknown; constraint: string };

/** Validates the members and returns the stored shape; all problems are reported at once, as Cognito does. */
export function buildResourceServer(
  userPoolId: string,
  input: {
    Identifier?: string | undefined;
    Name?: string | undefined;
    Scopes?: { ScopeName?: string | undefined; ScopeDescription?: string | undefined }[] | undefined;
  },
): ResourceServer {
  const problems: Problem[] = [];
  const { Identifier: identifier, Name: name } = input;
  check(problems, 'identifier', identifier, IDENTIFIER, 256);
  check(problems, 'name', name, NAME, 256);
  const scopes = input.Scopes ?? [];
  if (scopes.length > MAX_SCOPES)
    problems.push({
      path: 'scopes',
      value: `[${scopes.length} scopes]`,
      constraint: `Member must have length less than or equal to ${MAX_SCOPES}`,
    });
  scopes.forEach((scope, index) => {
    check(problems, `scopes.${index + 1}.member.scopeName`, scope.ScopeName, SCOPE_NAME, 256);
    if (scope.ScopeDescription === undefined)
      problems.push({ path: `scopes.${index + 1}.member.scopeDescription`, value: undefined, constraint: 'Member must not be null' });
    else if (scope.ScopeDescription.length < 1 || scope.ScopeDescription.length > 256)
      problems.push({
        path: `scopes.${index + 1}.member.scopeDescription`,
        value: scope.ScopeDescription,
        constraint: 'Member must have length between 1 and 256',
      });
  });
  if (problems.length > 0) throw validationErrors(problems);
  return {
    UserPoolId: userPoolId,
    Identifier: identifier ?? '',
    Name: name ?? '',
    Scopes: scopes.map((scope) => ({ ScopeName: scope.ScopeName ?? '', ScopeDescription: scope.ScopeDescription ?? '' })),
  };
}

function check(problems: Problem[], path: string, value: string | undefined, pattern: RegExp, max: number): void {
  if (value === undefined) problems.push({ path, value, constraint: 'Member must not be null' });
  else if (value.length < 1 || value.length > max)
    problems.push({ path, value, constraint: `Member must have length between 1 and ${max}` });
  else if (!pattern.test(value))
    problems.push({ path, value, constraint: `Member must satisfy regular expression pattern: ${pattern.source.slice(1, -1)}` });
}

/** Cognito returns a resource server without `Scopes` when it has none. */
export function toOutput(server: ResourceServer): Omit<ResourceServer, 'Scopes'> & { Scopes?: ResourceServer['Scopes'] } {
  const { Scopes, ...rest } = server;
  return Scopes.length > 0 ? server : rest;
}
