/**
 * Lab: Welcome, and the problem with long-lived keys.
 *
 * This program runs on your sandbox instance. Every endpoint and id comes from
 * the environment, so the same code runs against the local sandbox and AWS.
 */

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
  // TODO (step 1): call `${ordersApiUrl}/orders` with fetch. Send the key in an
  // `x-api-key` header when one is given, and the order as a JSON body for POST.
  // Print the status and the response body, and return the status.
  throw new Error('TODO (step 1): call the Orders API with the x-api-key header');
}
// #endregion

// #region main
await callOrders('GET', apiKey); // expected: 200

// TODO (step 2): call GET /orders without the key, then POST an order with it.
// #endregion
