import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { startTestAws, type TestAws } from '../test-support/test-aws.ts';

const SITE = 'http://localhost:4321';
const ELSEWHERE = 'https://evil.example';

describe('the emulator and browser Runs', () => {
  let t: TestAws;
  before(async () => {
    t = await startTestAws();
    t.aws.allowCorsOrigins([SITE]);
  });
  after(() => t.dispose());

  const preflight = (origin: string) =>
    fetch(`${t.aws.baseUrl}/sts/`, {
      method: 'OPTIONS',
      headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'authorization,x-amz-date' },
    });

  test("the site's origin gets its preflight answered and its responses readable", async () => {
    const answer = await preflight(SITE);
    assert.equal(answer.status, 204);
    assert.equal(answer.headers.get('access-control-allow-origin'), SITE);
    assert.match(answer.headers.get('access-control-allow-headers') ?? '', /authorization/);
    const post = await fetch(`${t.aws.baseUrl}/sts/`, { method: 'POST', headers: { origin: SITE }, body: 'Action=GetCallerIdentity' });
    assert.equal(post.headers.get('access-control-allow-origin'), SITE);
    assert.equal(post.headers.get('vary'), 'Origin');
  });

  test('any other origin gets no CORS allowance: its preflight is refused, its responses carry no Allow-Origin', async () => {
    const answer = await preflight(ELSEWHERE);
    assert.equal(answer.status, 403);
    assert.equal(answer.headers.get('access-control-allow-origin'), null);
    const post = await fetch(`${t.aws.baseUrl}/`, {
      method: 'POST',
      headers: {
        origin: ELSEWHERE,
        'content-type': 'application/x-amz-json-1.1',
        'x-amz-target': 'AWSCognitoIdentityProviderService.ListUserPools',
      },
      body: '{}',
    });
    assert.equal(post.headers.get('access-control-allow-origin'), null);
    // A lookalike of the site's origin is another origin.
    assert.equal((await preflight('http://localhost:43210')).headers.get('access-control-allow-origin'), null);
  });

  test('only plain origins can be allowed', () => {
    assert.throws(() => t.aws.allowCorsOrigins(['http://localhost:4321/labs']), /not an origin/);
    assert.throws(() => t.aws.allowCorsOrigins(['file:///etc']), /not an origin/);
  });

  test("browser-Run credentials: a 15-minute session of this attendee's instance role, another attendee's are their own", async () => {
    const [mine, theirs] = [await t.aws.browserRunCredentials('attendee-a'), await t.aws.browserRunCredentials('attendee-b')];
    assert.equal(mine.expiresAt - Math.floor(t.clock.now() / 1000) * 1000, 900_000);
    assert.match(mine.accessKeyId, /^ASIA/);
    const whoAmI = async (credentials: typeof mine) =>
      (
        await new STSClient({ region: t.aws.region, endpoint: `${t.aws.baseUrl}/sts`, credentials, maxAttempts: 1 }).send(
          new GetCallerIdentityCommand({}),
        )
      ).Arn;
    const [arnA, arnB] = [await whoAmI(mine), await whoAmI(theirs)];
    assert.match(arnA ?? '', /:assumed-role\/[\w-]+\/i-/);
    assert.notEqual(arnA?.split(':')[4], arnB?.split(':')[4], 'two attendees, two accounts');
    // The instance's own IMDS credentials are not the browser's.
    assert.notEqual((await t.aws.credentials('attendee-a')).accessKeyId, mine.accessKeyId);
  });
});
