import type { TickReport } from "../../runtime/controller.js";

/** Fans one controller's onTick out to the API's listeners; a failing listener never reaches the loop. */
export class TickBus {
  private readonly listeners = new Set<(t: TickReport) => void>();
  private readonly onError: (e: unknown) => void;
  last: TickReport | undefined;

  constructor(onError: (e: unknown) => void = () => {}) {
    this.onError = onError;
  }

  emit(tick: TickReport): void {
    this.last = tick;
    for (const l of this.listeners) {
      try {
        l(tick);
      } catch (e) {
        this.onError(e);
      }
    }
  }

  on(listener: (t: TickReport) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  get size(): number {
    return this.listeners.size;
  }
}
