/**
 * Lab: Welcome, and the problem with long-lived keys.
 *
 * This program runs on your sandbox instance. Every endpoint and id comes from
 * the environment, so the same code runs against the local sandbox and AWS.
 */
// #region not-done-yet
import { notDoneYet } from './not-done.ts';
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
  // TODO (step 1): the Orders API lives at `${ordersApiUrl}/orders`. How does
  // this copy of it know the caller? (The step names the header.) Print what
  // comes back, status included, and return the status.
  return notDoneYet(1, 'callOrders does not call the Orders API yet.');
}
// #endregion

// #region main
await callOrders('GET', apiKey); // expected: 200

// TODO (step 2): what does the API say to a caller with no key, and what can the
// same key do besides reading?
notDoneYet(2, 'the call without the key and the order with it are still to write.');
// #endregion
