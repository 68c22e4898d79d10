/**
 * Instructor API calls: JSON bodies and the session's CSRF token (from the
 * page's <meta name="csrf-token">) on every write.
 */
export async function instructorRequest<T>(method: 'GET' | 'POST', url: string, body?: unknown): Promise<T> {
  const csrf = document.querySelector<HTMLMetaElement>('meta[name="csrf-token"]')?.content ?? '';
  const response = await fetch(url, {
    method,
    headers: { 'content-type': 'application/json', 'x-csrf-token': csrf },
    ...(method === 'POST' ? { body: JSON.stringify(body ?? {}) } : {}),
  });
  const data = (await response.json().catch(() => ({}))) as T & { error?: string };
  if (response.status === 401) {
    location.assign('/instructor/login');
    throw new Error('Your instructor session has ended; sign in again.');
  }
  if (!response.ok) throw new Error(data.error ?? `${method} ${url} failed (${response.status}).`);
  return data;
}
