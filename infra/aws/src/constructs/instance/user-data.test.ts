import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { describe, it } from 'node:test';
import { IMDS_RECORDER_LOG_PATH, LAB_TEMPLATE_DIR, RUNNER_USER } from '../../contract/instance-paths.ts';
import { attendeeUserData } from './user-data.ts';

describe('attendee user data', () => {
  const script = attendeeUserData();

  it('is valid bash', () => {
    const result = spawnSync('bash', ['-n'], { input: script });
    assert.equal(result.status, 0, result.stderr.toString());
  });

  it('DNATs only the runner user to the recorder and keeps the log root-only', () => {
    assert.match(script, new RegExp(`-m owner --uid-owner ${RUNNER_USER} -j DNAT --to-destination 127\\.0\\.0\\.1:8169`));
    assert.match(script, new RegExp(`chmod 0600 ${IMDS_RECORDER_LOG_PATH.replace(/\./g, '\\.')}`));
    assert.match(script, /install -d -m 0700 -o root -g root \/var\/log\/keyless/);
  });

  it('checks the Node tarball, installs the lab template and embeds the tested recorder', () => {
    assert.match(script, /sha256sum -c -/);
    assert.match(script, /latest-v24\.x/);
    assert.ok(script.includes(`cd ${LAB_TEMPLATE_DIR} && /usr/local/bin/npm install`));
    assert.ok(script.includes('export function startImdsRecorder'));
    assert.ok(script.includes('"@aws-sdk/client-sts"'));
  });

  it('fits EC2 user data (16 KB before base64)', () => {
    assert.ok(Buffer.byteLength(script) < 16 * 1024, String(Buffer.byteLength(script)));
  });
});
