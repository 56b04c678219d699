/**
 * The page's timers end with the page, as a browser's do when the tab closes. clerk-js keeps a session poller for as
 * long as it lives (with no way to stop it), and a clerk-js of an earlier test lives on until the test file ends; when
 * jsdom is torn down after the file, a poll still scheduled would run without `window` or `navigator` and fail the run
 * with an unhandled error. `closePage` (after the file's last test) clears the timers still pending and schedules no
 * more.
 */
type TimerHandle = ReturnType<typeof globalThis.setTimeout>;

const pending = new Set<TimerHandle>();
let closed = false;

export function trackPageTimers(): void {
  const { setTimeout: schedule, setInterval: repeat, clearTimeout: cancel, clearInterval: cancelRepeat } = globalThis;
  const noop = () => {};

  const scheduleTracked = (handler: TimerHandler, timeout?: number, ...args: unknown[]): TimerHandle => {
    if (closed) return schedule(noop, 0);
    const handle: TimerHandle = schedule(() => {
      pending.delete(handle);
      if (typeof handler === 'function') (handler as (...params: unknown[]) => void)(...args);
    }, timeout);
    pending.add(handle);
    return handle;
  };
  globalThis.setTimeout = Object.assign(scheduleTracked, { __promisify__: schedule.__promisify__ }) as unknown as typeof globalThis.setTimeout;
  const repeatTracked = (handler: TimerHandler, timeout?: number, ...args: unknown[]): TimerHandle => {
    if (closed) return schedule(noop, 0);
    const handle: TimerHandle = repeat(handler as (...params: unknown[]) => void, timeout, ...args);
    pending.add(handle);
    return handle;
  };
  globalThis.setInterval = repeatTracked as unknown as typeof globalThis.setInterval;
  globalThis.clearTimeout = ((handle?: TimerHandle) => {
    if (handle !== undefined) pending.delete(handle);
    cancel(handle);
  }) as typeof globalThis.clearTimeout;
  globalThis.clearInterval = ((handle?: TimerHandle) => {
    if (handle !== undefined) pending.delete(handle);
    cancelRepeat(handle);
  }) as typeof globalThis.clearInterval;

  closePageWith = () => {
    closed = true;
    for (const handle of pending) {
      cancel(handle);
      cancelRepeat(handle);
    }
    pending.clear();
  };
}

let closePageWith = () => {};

/** The tab closes: its pending timers are cleared and no new ones run. */
export function closePage(): void {
  closePageWith();
}
