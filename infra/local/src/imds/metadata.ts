import { arns, INSTANCE_PROFILE_NAME, ROLE_NAMES, type Account, type RoleSession } from '../iam/index.ts';

/** What the metadata tree is built from: the instance and how to get its role's current credentials. */
export interface InstanceFacts {
  readonly account: Account;
  readonly region: string;
  readonly credentials: () => RoleSession;
}

/** A directory lists its entries (sub-directories end in `/`); a leaf renders text. */
type Node = { readonly dir: Readonly<Record<string, Node>> } | { readonly leaf: () => string };

const dir = (entries: Record<string, Node>): Node => ({ dir: entries });
const leaf = (render: () => string): Node => ({ leaf: render });
const AMI_ID = 'ami-0f0e0d0c0b0a09080';
const INSTANCE_TYPE = 't3.micro';

/**
 * The paths the labs and the SDK read, with EC2's shapes: text/plain
 * throughout, JSON documents with AWS's `"Key" : value` spacing, listings one
 * entry per line. Everything else is a 404, as for a category the instance
 * does not have.
 */
export function metadataTree(facts: InstanceFacts): Node {
  const { account, region } = facts;
  const ip = privateIp(account.instanceId);
  const hostname = `ip-${ip.replaceAll('.', '-')}.${region === 'us-east-1' ? 'ec2.internal' : `${region}.compute.internal`}`;
  const launched = isoSeconds(account.createdAt);
  const credentials = (): string => {
    const session = facts.credentials();
    return awsJson({
      Code: 'Success',
      LastUpdated: isoSeconds(session.createdAt),
      Type: 'AWS-HMAC',
      AccessKeyId: session.accessKeyId,
      SecretAccessKey: session.secretAccessKey,
      Token: session.sessionToken,
      Expiration: isoSeconds(session.expiresAt),
    });
  };
  const metaData = dir({
    'ami-id': leaf(() => AMI_ID),
    hostname: leaf(() => hostname),
    iam: dir({
      info: leaf(() =>
        awsJson({
          Code: 'Success',
          LastUpdated: isoSeconds(facts.credentials().createdAt),
          InstanceProfileArn: arns.instanceProfile(account.accountId, INSTANCE_PROFILE_NAME),
          InstanceProfileId: account.instanceProfileId,
        }),
      ),
      'security-credentials': dir({ [ROLE_NAMES.instance]: leaf(credentials) }),
    }),
    'instance-id': leaf(() => account.instanceId),
    'instance-type': leaf(() => INSTANCE_TYPE),
    'local-hostname': leaf(() => hostname),
    'local-ipv4': leaf(() => ip),
    placement: dir({ 'availability-zone': leaf(() => `${region}a`), region: leaf(() => region) }),
  });
  const identityDocument = leaf(() =>
    awsJson({
      accountId: account.accountId,
      architecture: 'x86_64',
      availabilityZone: `${region}a`,
      billingProducts: null,
      devpayProductCodes: null,
      marketplaceProductCodes: null,
      imageId: AMI_ID,
      instanceId: account.instanceId,
      instanceType: INSTANCE_TYPE,
      kernelId: null,
      pendingTime: launched,
      privateIp: ip,
      ramdiskId: null,
      region,
      version: '2017-09-30',
    }),
  );
  return dir({ latest: dir({ dynamic: dir({ 'instance-identity': dir({ document: identityDocument }) }), 'meta-data': metaData }) });
}

/** Resolves a request path (`/latest/meta-data/iam/`) to a body, or undefined for a 404. */
export function render(tree: Node, path: string): string | undefined {
  let node: Node | undefined = tree;
  for (const segment of path.split('/').filter(Boolean)) {
    node = 'dir' in node ? node.dir[segment] : undefined;
    if (!node) return undefined;
  }
  if ('leaf' in node) return path.endsWith('/') ? undefined : node.leaf();
  return Object.entries(node.dir)
    .map(([name, child]) => ('dir' in child ? `${name}/` : name))
    .join('\n');
}

/** EC2's JSON layout: two-space indent and `" : "` between key and value. */
export function awsJson(document: Record<string, string | null>): string {
  const lines = Object.entries(document).map(([key, value]) => `  ${JSON.stringify(key)} : ${JSON.stringify(value)}`);
  return `{\n${lines.join(',\n')}\n}`;
}

const isoSeconds = (ms: number): string => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');

/** A stable private address in 10.0.0.0/16 derived from the instance id. */
function privateIp(instanceId: string): string {
  const hex = instanceId.slice(-4);
  return `10.0.${parseInt(hex.slice(0, 2), 16)}.${Math.max(4, parseInt(hex.slice(2), 16))}`;
}
