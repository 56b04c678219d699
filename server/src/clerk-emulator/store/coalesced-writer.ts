/**
 * Writes that coalesce: `schedule()` after every change, and one write runs
 * at most every `delayMs`, carrying every change made until it starts. A
 * token refresh on every open tab would otherwise rewrite the whole store
 * synchronously several times a minute. Never two writes at once, so an older
 * snapshot can never land after a newer one. `flush()` (shutdown, tests) waits
 * until everything scheduled so far is on disk, and throws if it could not be.
 */
export class CoalescedWriter {
  #dirty = false;
  #timer: NodeJS.Timeout | null = null;
  #running: Promise<void> | null = null;

  constructor(
    private readonly write: () => Promise<void>,
    private readonly delayMs: number,
    private readonly onError: (error: unknown) => void,
  ) {}

  schedule(): void {
    this.#dirty = true;
    this.#arm();
  }

  /** Until nothing is pending or running; no timer is left behind to write later (a test may delete the folder next). */
  async flush(): Promise<void> {
    for (;;) {
      if (this.#timer) clearTimeout(this.#timer);
      this.#timer = null;
      if (this.#running) await this.#running;
      else if (this.#dirty) await this.#start();
      else return;
    }
  }

  #arm(): void {
    if (this.#dirty && !this.#timer && !this.#running) {
      this.#timer = setTimeout(() => {
        this.#timer = null;
        if (this.#dirty && !this.#running) this.#start().catch(this.onError);
      }, this.delayMs);
    }
  }

  /** One write of everything changed so far; a failure leaves it dirty, so the next change or flush retries. */
  #start(): Promise<void> {
    this.#dirty = false;
    const written = this.write().catch((error: unknown) => {
      this.#dirty = true;
      throw error;
    });
    const settled = written.then(
      () => true,
      () => false,
    );
    this.#running = settled.then(() => undefined);
    // After a failure, no timer of its own (a full disk would log every delayMs): the next change or flush retries.
    void settled.then((ok) => {
      this.#running = null;
      if (ok) this.#arm();
    });
    return written;
  }
}
