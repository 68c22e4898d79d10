/**
 * Lab: Welcome, and the problem with long-lived keys.
 *
 * This program runs on your sandbox instance. Every endpoint and id comes from
 * the environment, so the same code runs against the local sandbox and AWS.
 */
// #region not-done-yet
// Every step is done, so nothing calls notDoneYet (from not-done.ts) any more.
// #endregion

function requireEnv(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set: run this from the lab page so the sandbox outputs are injected.`);
  return value;
}

const ordersApiUrl = requireEnv('ORDERS_API_KEY_URL'); // the copy of the Orders API that wants an API key
// The API key is a long-lived shared secret. The sandbox hands it to you in an
// environment variable; in the wild it lives in config files, CI variables,
// mobile apps and chat threads. That is the problem this workshop solves.
const apiKey = requireEnv('ORDERS_API_KEY');

// #region call-with-key
/** Calls the Orders API, sending `key` in the x-api-key header when given, and reports the status. */
async function callOrders(method: 'GET' | 'POST', key: string | undefined, order?: object): Promise<number> {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (key) headers['x-api-key'] = key; // the whole credential, on every request
  const response = await fetch(`${ordersApiUrl}/orders`, {
    method,
    headers,
    ...(order ? { body: JSON.stringify(order) } : {}),
  });
  console.log(`${method} /orders ${key ? 'with' : 'without'} the key → ${response.status}`, await response.text());
  return response.status;
}
// #endregion

// #region main
await callOrders('GET', apiKey); // expected: 200

await callOrders('GET', undefined); // expected: 403, the key is the only thing checked
await callOrders('POST', apiKey, { item: 'widget', quantity: 1 }); // expected: 201, the same key can write too
// #endregion
