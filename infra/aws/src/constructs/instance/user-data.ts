import { readFileSync } from 'node:fs';
import { IMDS_RECORDER_LOG_PATH, LAB_TEMPLATE_DIR, RUNNER_USER } from '../../contract/instance-paths.ts';

/** Node's major line on the instances, as in the project (package.json engines, the runner). */
const NODE_MAJOR = 24;
const RECORDER_PORT = 8169;

/**
 * The attendee instance's first-boot script (AL2023, arm64, root):
 * - Node 24 from nodejs.org, its tarball checked against the release's SHASUMS256;
 * - the runner user (no login shell, no sudo) attendee code runs as;
 * - the lab template (`package.json` of labs/templates/node) installed in LAB_TEMPLATE_DIR;
 * - the IMDS recorder as a systemd service, and the iptables rule that sends
 *   only the runner user's traffic for 169.254.169.254:80 to it (root's own
 *   traffic, the SSM agent's and the recorder's go straight to IMDS);
 * - the recorder's log root-owned, mode 0600 in a 0700 directory.
 * The pieces are read from this repository at synth, so the instance runs
 * exactly the recorder the tests ran.
 */
export function attendeeUserData(): string {
  const recorder = readFileSync(new URL('./imds-recorder.ts', import.meta.url), 'utf8');
  const template = readFileSync(new URL('../../../../../labs/templates/node/package.json', import.meta.url), 'utf8');
  const logDir = IMDS_RECORDER_LOG_PATH.replace(/\/[^/]+$/, '');
  return [
    '#!/bin/bash',
    'set -euo pipefail',
    'dnf install -y -q tar xz iptables-nft',
    `base=https://nodejs.org/dist/latest-v${String(NODE_MAJOR)}.x`,
    'cd /tmp',
    'curl -fsSLO "$base/SHASUMS256.txt"',
    'tarball=$(grep -o "node-v[0-9.]*-linux-arm64.tar.xz" SHASUMS256.txt | head -1)',
    'curl -fsSLO "$base/$tarball"',
    'grep " $tarball\\$" SHASUMS256.txt | sha256sum -c -',
    'tar -xJf "$tarball" -C /usr/local --strip-components=1',
    `id ${RUNNER_USER} >/dev/null 2>&1 || useradd --system --create-home --shell /sbin/nologin ${RUNNER_USER}`,
    `install -d -m 0755 ${LAB_TEMPLATE_DIR} /opt/keyless`,
    `cat > ${LAB_TEMPLATE_DIR}/package.json <<'KEYLESS_TEMPLATE'`,
    template.trimEnd(),
    'KEYLESS_TEMPLATE',
    `(cd ${LAB_TEMPLATE_DIR} && /usr/local/bin/npm install --omit=dev --no-audit --no-fund)`,
    `chmod -R a+rX,go-w ${LAB_TEMPLATE_DIR}`,
    "cat > /opt/keyless/imds-recorder.ts <<'KEYLESS_RECORDER'",
    recorder.trimEnd(),
    'KEYLESS_RECORDER',
    'chmod 0644 /opt/keyless/imds-recorder.ts',
    `install -d -m 0700 -o root -g root ${logDir}`,
    `touch ${IMDS_RECORDER_LOG_PATH} && chmod 0600 ${IMDS_RECORDER_LOG_PATH}`,
    "cat > /etc/systemd/system/keyless-imds-recorder.service <<'KEYLESS_UNIT'",
    '[Unit]',
    "Description=Keyless IMDS recorder (evidence of the runner user's metadata requests)",
    'After=network-online.target',
    '[Service]',
    `ExecStart=/usr/local/bin/node /opt/keyless/imds-recorder.ts ${IMDS_RECORDER_LOG_PATH}`,
    'Restart=always',
    'User=root',
    '[Install]',
    'WantedBy=multi-user.target',
    'KEYLESS_UNIT',
    'systemctl daemon-reload',
    'systemctl enable --now keyless-imds-recorder.service',
    `iptables -t nat -A OUTPUT -d 169.254.169.254 -p tcp --dport 80 -m owner --uid-owner ${RUNNER_USER} -j DNAT --to-destination 127.0.0.1:${String(RECORDER_PORT)}`,
    // The runner user reaches IMDS only through the recorder: nothing else on 169.254.169.254, and no IPv6 IMDS.
    `iptables -A OUTPUT -d 169.254.169.254 -m owner --uid-owner ${RUNNER_USER} -j REJECT`,
    `ip6tables -A OUTPUT -d fd00:ec2::254 -m owner --uid-owner ${RUNNER_USER} -j REJECT || true`,
    'iptables-save > /etc/sysconfig/iptables && systemctl enable iptables || true',
    '',
  ].join('\n');
}
