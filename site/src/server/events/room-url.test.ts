import assert from 'node:assert/strict';
import type { NetworkInterfaceInfo } from 'node:os';
import { test } from 'node:test';
import { reachableUrls, roomOrigin } from './room-url.ts';

const info = (address: string, family: 'IPv4' | 'IPv6', internal = false): NetworkInterfaceInfo =>
  ({ address, family, internal, netmask: '', mac: '', cidr: null, ...(family === 'IPv6' ? { scopeid: 0 } : {}) }) as NetworkInterfaceInfo;
const interfaces = {
  lo: [info('127.0.0.1', 'IPv4', true), info('::1', 'IPv6', true)],
  wlan0: [info('192.168.1.20', 'IPv4'), info('fe80::1', 'IPv6'), info('2001:db8::20', 'IPv6')],
  eth0: [info('10.0.0.5', 'IPv4')],
};

test('room mode: every non-internal address when listening on all of them, IPv4 first, no link-local', () => {
  assert.deepEqual(reachableUrls({ host: '0.0.0.0', port: 4321, protocol: 'http', interfaces }), [
    'http://192.168.1.20:4321',
    'http://10.0.0.5:4321',
    'http://[2001:db8::20]:4321',
  ]);
});

test('room mode: the public URL wins; one listening address is that address; loopback is no room', () => {
  assert.deepEqual(reachableUrls({ host: '0.0.0.0', port: 4321, protocol: 'https', publicUrl: 'https://keyless.example/', interfaces }), [
    'https://keyless.example',
  ]);
  assert.deepEqual(reachableUrls({ host: '192.168.1.20', port: 8443, protocol: 'https', interfaces }), ['https://192.168.1.20:8443']);
  assert.deepEqual(reachableUrls({ host: '127.0.0.1', port: 4321, protocol: 'http', interfaces }), []);
  assert.deepEqual(reachableUrls({ host: 'localhost', port: 4321, protocol: 'http', interfaces }), []);
  assert.throws(() => reachableUrls({ host: '0.0.0.0', port: 1, protocol: 'http', publicUrl: 'not a url', interfaces }), TypeError);
  assert.equal(roomOrigin({ room: { urls: ['http://10.0.0.5:4321'] } }, 'http://localhost:4321'), 'http://10.0.0.5:4321');
  assert.equal(roomOrigin({ room: { urls: [] } }, 'http://localhost:4321'), 'http://localhost:4321');
  assert.equal(roomOrigin({}, 'http://localhost:4321'), 'http://localhost:4321');
});
