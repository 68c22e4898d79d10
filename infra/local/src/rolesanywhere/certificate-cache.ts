import { X509Certificate } from 'node:crypto';

/** Distinct certificates remembered; a workshop has a few hundred at most. */
const MAX_ENTRIES = 1024;

/**
 * Parsed certificates by their `X-Amz-X509` text. A workload calls
 * CreateSession with the same certificate again and again; parsing it (and
 * everything derived from it: tags, chain links, see `memo`) once instead of
 * per request is a large share of CreateSession's CPU. Parsing is pure, so
 * caching cannot change an answer; trust decisions that depend on time or
 * revocation are still made per request.
 */
export class CertificateCache {
  readonly #entries = new Map<string, X509Certificate>();

  parse(base64: string): X509Certificate {
    const cached = this.#entries.get(base64);
    if (cached) return cached;
    const certificate = new X509Certificate(Buffer.from(base64, 'base64'));
    if (this.#entries.size >= MAX_ENTRIES) {
      const oldest = this.#entries.keys().next().value;
      if (oldest !== undefined) this.#entries.delete(oldest);
    }
    this.#entries.set(base64, certificate);
    return certificate;
  }
}

/** Memoises a pure function of a (cached, hence long-lived) certificate object. */
export function memo<T>(compute: (certificate: X509Certificate) => T): (certificate: X509Certificate) => T {
  const results = new WeakMap<X509Certificate, T>();
  return (certificate) => {
    if (results.has(certificate)) return results.get(certificate) as T;
    const value = compute(certificate);
    results.set(certificate, value);
    return value;
  };
}
