/**
 * In-process notifications of what attendees did, fed by the runtime when it
 * records a run or a check and by the join and instructor services. The
 * dashboard's live stream subscribes here instead of polling the database.
 */
export type ActivityEvent =
  | { readonly type: 'ran'; readonly attendeeId: string; readonly labId: string; readonly at: number }
  | { readonly type: 'checked'; readonly attendeeId: string; readonly labId: string; readonly at: number }
  /** An attendee joined, or an instructor changed something about them or the event. */
  | { readonly type: 'changed'; readonly eventId: string; readonly attendeeId?: string; readonly at: number };

export type ActivityListener = (event: ActivityEvent) => void;

export class EventBus {
  readonly #listeners = new Set<ActivityListener>();

  subscribe(listener: ActivityListener): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  publish(event: ActivityEvent): void {
    for (const listener of this.#listeners) {
      try {
        listener(event);
      } catch (error) {
        // One broken dashboard stream must not stop a Run from being recorded.
        console.error('event bus listener failed:', error);
      }
    }
  }

  get listenerCount(): number {
    return this.#listeners.size;
  }
}
