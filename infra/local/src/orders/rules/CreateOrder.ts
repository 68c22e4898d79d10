import { z } from 'zod';
import type { OrderRoute } from './route.ts';

const NewOrder = z
  .object({
    item: z.string().trim().min(1).max(200),
    quantity: z.number().int().positive().max(1_000_000),
  })
  .strict();

/** `POST /orders` (scope orders/write): validates `{item, quantity}` and stores the order. */
export const CreateOrder: OrderRoute = {
  method: 'POST',
  path: '/orders',
  scopes: ['orders/write'],
  handle: async ({ owner, principal, body, orders }) => {
    let json: unknown;
    try {
      json = JSON.parse(new TextDecoder().decode(body));
    } catch {
      return { status: 400, body: { message: 'Invalid request body: not JSON' }, error: 'BadRequestBody' };
    }
    const parsed = NewOrder.safeParse(json);
    if (!parsed.success) {
      const problems = parsed.error.issues.map((issue) => `${issue.path.join('.') || 'body'}: ${issue.message}`);
      return { status: 400, body: { message: 'Invalid request body', errors: problems }, error: 'BadRequestBody' };
    }
    const order = await orders.create(owner.attendeeId, { ...parsed.data, createdBy: principal });
    return { status: 201, body: order };
  },
};
