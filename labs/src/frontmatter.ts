import { parse as parseYaml } from 'yaml';

/** Splits an MDX/Markdown file into its YAML frontmatter and body. */
export function splitFrontmatter(source: string): { data: unknown; body: string } | undefined {
  const match = /^---\r?\n([\s\S]*?)\r?\n---\r?\n?/.exec(source);
  if (!match) return undefined;
  return { data: parseYaml(match[1] ?? ''), body: source.slice(match[0].length) };
}
