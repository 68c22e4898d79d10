import type { APIRoute } from 'astro';
import { json } from '../../../../../server/api.ts';
import { resultsCsv } from '../../../../../server/events/csv.ts';

/** The event's results, one row per attendee, one column per check; times in the event's zone, named in a column. */
export const GET: APIRoute = (context) => {
  const { service } = context.locals.runtime.events;
  const event = service.get(context.params.event ?? '');
  const grid = event ? service.grid(event.id) : undefined;
  if (!event || !grid) return json(404, { error: 'No such event.' });
  const filename = `${event.name.replace(/[^A-Za-z0-9-]+/g, '-').replace(/^-|-$/g, '') || 'event'}-results.csv`;
  return new Response(resultsCsv(grid.columns, grid.rows, service.timeZoneOf(event)), {
    headers: {
      'content-type': 'text/csv; charset=utf-8',
      'content-disposition': `attachment; filename="${filename}"`,
      'cache-control': 'no-store',
    },
  });
};
