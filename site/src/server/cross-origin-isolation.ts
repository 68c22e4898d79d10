import { stepPlacement, type Lab } from '@keyless/labs';

/**
 * Cross-origin isolation for the lab pages that may boot a WebContainer: it
 * needs SharedArrayBuffer, which needs the page to be cross-origin isolated
 * (https://webcontainers.io/guides/configuring-headers). Only those pages get
 * it: COEP makes every cross-origin resource opt in, and the join flow, the
 * dashboard and the other pages have no reason to pay for that.
 */
export const ISOLATION_HEADERS: Readonly<Record<string, string>> = {
  'cross-origin-opener-policy': 'same-origin',
  'cross-origin-embedder-policy': 'require-corp',
};

/** The origin of the WebContainer runtime's iframe (`@webcontainer/api`'s default editor origin, `/headless`). */
export const WEBCONTAINER_ORIGIN = 'https://stackblitz.com';

const STEP_PAGE = /^\/labs\/([^/]+)\/([^/]+)\/?$/;

/** The lab step a path shows when that step may Run in the browser (and this server offers browser Runs); else undefined. */
export function browserRunnerStep(pathname: string, findLab: (id: string) => Lab | undefined, offered: boolean): Lab | undefined {
  if (!offered) return undefined;
  const match = STEP_PAGE.exec(pathname);
  if (!match?.[1] || !match[2]) return undefined;
  const lab = findLab(decodeURIComponent(match[1]));
  const step = lab?.steps.find((candidate) => candidate.slug === match[2]);
  return lab && step && stepPlacement(lab.definition, step.frontmatter) === 'browser' ? lab : undefined;
}
