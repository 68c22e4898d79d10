import type { NetworkInterfaceInfo } from 'node:os';

/**
 * Where attendees reach the site in room mode. Filled in once the site
 * listens (the port may be picked at start), read by the dashboard and the
 * table cards; empty on loopback, where only this machine can connect.
 */
export interface RoomAddress {
  urls: readonly string[];
}

export interface ReachableInput {
  /** The address the site listens on (KEYLESS_HOST). */
  readonly host: string;
  readonly port: number;
  readonly protocol: 'http' | 'https';
  /** KEYLESS_PUBLIC_URL: what the room types, when the instructor knows better (a DNS name, a port forward). */
  readonly publicUrl?: string | undefined;
  /** os.networkInterfaces(), injected so tests choose the machine's addresses. */
  readonly interfaces: NodeJS.Dict<NetworkInterfaceInfo[]>;
}

/**
 * The origins attendees can use, best first: the public URL when set;
 * otherwise, listening on every address (0.0.0.0, ::), each non-internal
 * address of this machine (IPv4 first; IPv6 link-local addresses are left
 * out, as browsers need a zone id for them); listening on one address, that
 * address. None on loopback.
 */
export function reachableUrls(input: ReachableInput): string[] {
  if (input.publicUrl) return [new URL(input.publicUrl).origin];
  if (isLoopback(input.host)) return [];
  const origin = (address: string): string => `${input.protocol}://${address.includes(':') ? `[${address}]` : address}:${input.port}`;
  if (input.host !== '0.0.0.0' && input.host !== '::') return [origin(input.host)];
  const addresses = Object.values(input.interfaces)
    .flatMap((list) => list ?? [])
    .filter((info) => !info.internal && !(info.family === 'IPv6' && info.address.toLowerCase().startsWith('fe80')))
    .sort((a, b) => Number(a.family === 'IPv6') - Number(b.family === 'IPv6'));
  return [...new Set(addresses.map((info) => origin(info.address)))];
}

export function isLoopback(host: string): boolean {
  return host === 'localhost' || host === '::1' || /^127\./.test(host);
}

/** The origin to print on cards and the dashboard: the room's first address, else the one the instructor is using. */
export function roomOrigin(runtime: { readonly room?: RoomAddress }, fallback: string): string {
  return runtime.room?.urls[0] ?? fallback;
}
