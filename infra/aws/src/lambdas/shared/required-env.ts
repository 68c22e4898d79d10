/** A handler's configuration from its environment: fails at cold start, loudly, when the stack forgot a variable. */
export function requiredEnv(env: NodeJS.ProcessEnv, name: string): string {
  const value = env[name];
  if (!value) throw new Error(`${name} is not set: the stack that deploys this function must set it.`);
  return value;
}
