import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { cannotBoot, chooseRunner, unavailableLine, type BrowserCapabilities, type Unavailable } from './runner-choice.ts';

const desktopChrome: BrowserCapabilities = {
  crossOriginIsolated: true,
  sharedArrayBuffer: true,
  online: true,
  userAgent: 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/140.0.0.0 Safari/537.36',
  platform: 'Linux x86_64',
  maxTouchPoints: 0,
};

describe('chooseRunner', () => {
  test('a step placed on the instance always runs there, with nothing to explain', () => {
    assert.deepEqual(chooseRunner('instance', { status: 'ready' }), { runner: 'instance' });
  });
  test('a browser step runs in the browser only once the WebContainer is ready', () => {
    assert.deepEqual(chooseRunner('browser', { status: 'ready' }), { runner: 'browser' });
    for (const state of [{ status: 'idle' }, { status: 'booting' }] as const) {
      const choice = chooseRunner('browser', state);
      assert.equal(choice.runner, 'instance');
      assert.match(choice.why ?? '', /still starting/);
    }
  });
  test('an unavailable browser runner falls back with its reason, in one line', () => {
    const reasons: Unavailable[] = [
      'not-offered',
      'offline',
      'ios',
      'not-isolated',
      'no-shared-memory',
      'timeout',
      'boot-failed',
      'install-failed',
    ];
    const lines = reasons.map((reason) => chooseRunner('browser', { status: 'unavailable', reason, detail: '20 s' }));
    for (const choice of lines) {
      assert.equal(choice.runner, 'instance');
      assert.ok(choice.why && !choice.why.includes('\n') && choice.why.endsWith('Runs use your sandbox instance.'), choice.why);
    }
    assert.equal(new Set(lines.map((choice) => choice.why)).size, reasons.length, 'each reason says something of its own');
    assert.match(unavailableLine('timeout', '20 s'), /did not start in 20 s/);
  });
});

describe('cannotBoot', () => {
  test('a cross-origin isolated desktop browser online may try', () => {
    assert.equal(cannotBoot(desktopChrome), undefined);
  });
  test('iOS (also iPadOS posing as a Mac), offline, no isolation and no SharedArrayBuffer cannot', () => {
    assert.equal(cannotBoot({ ...desktopChrome, userAgent: 'Mozilla/5.0 (iPhone; CPU iPhone OS 18_0 like Mac OS X)' }), 'ios');
    assert.equal(cannotBoot({ ...desktopChrome, platform: 'MacIntel', maxTouchPoints: 5 }), 'ios');
    assert.equal(cannotBoot({ ...desktopChrome, platform: 'MacIntel', maxTouchPoints: 0 }), undefined);
    assert.equal(cannotBoot({ ...desktopChrome, online: false }), 'offline');
    assert.equal(cannotBoot({ ...desktopChrome, crossOriginIsolated: false }), 'not-isolated');
    assert.equal(cannotBoot({ ...desktopChrome, sharedArrayBuffer: false }), 'no-shared-memory');
  });
});
