import { isIPv6 } from 'node:net';

/**
 * The key an address is rate-limited under. IPv4 (also when a dual-stack
 * socket reports it as `::ffff:a.b.c.d`) is its own key; IPv6 is keyed by
 * its /64, because one host or home network is usually handed a whole /64
 * and could otherwise claim a fresh budget for every one of its 2^64
 * addresses. Anything else (e.g. "unknown") is used as it is.
 */
export function addressKey(address: string): string {
  const mapped = /^::ffff:(\d{1,3}(?:\.\d{1,3}){3})$/i.exec(address);
  if (mapped?.[1]) return mapped[1];
  const bare = address.split('%')[0] ?? address; // zone id (fe80::1%eth0)
  if (!isIPv6(bare)) return address;
  const [head = '', tail] = bare.toLowerCase().split('::');
  const headGroups = head === '' ? [] : head.split(':');
  const tailGroups = tail === undefined || tail === '' ? [] : tail.split(':');
  const zeros = tail === undefined ? [] : Array<string>(Math.max(0, 8 - headGroups.length - tailGroups.length)).fill('0');
  const prefix = [...headGroups, ...zeros, ...tailGroups].slice(0, 4).map((group) => group.replace(/^0+(?=.)/, ''));
  return `${prefix.join(':')}::/64`;
}
