import { describe, expect, it } from 'vitest';
import { createRoleChangeLock } from './role-change-lock.ts';

/** A change that runs until the test lets it finish. */
function heldChange(log: string[], name: string) {
  let finish!: () => void;
  const released = new Promise<void>((resolve) => (finish = resolve));
  return {
    run: async () => {
      log.push(`${name} starts`);
      await released;
      log.push(`${name} ends`);
      return name;
    },
    finish,
  };
}

describe('the role change lock', () => {
  it('runs changes one at a time, in order, whatever the one before answered', async () => {
    const lock = createRoleChangeLock();
    const log: string[] = [];
    const first = heldChange(log, 'first');
    const a = lock.run(first.run);
    const b = lock.run(async () => {
      log.push('second runs');
      throw new Error('refused');
    });
    const c = lock.run(async () => {
      log.push('third runs');
      return 'third';
    });
    await Promise.resolve();
    expect(log).toEqual(['first starts']);
    first.finish();
    await expect(a).resolves.toBe('first');
    await expect(b).rejects.toThrow('refused');
    await expect(c).resolves.toBe('third');
    expect(log).toEqual(['first starts', 'first ends', 'second runs', 'third runs']);
  });

  it('answers 503 to a change that waited too long, and never runs it afterwards', async () => {
    const lock = createRoleChangeLock({ waitMs: 20 });
    const log: string[] = [];
    const first = heldChange(log, 'first');
    const running = lock.run(first.run);
    const waiting = lock.run(async () => {
      log.push('late change ran');
    });
    await expect(waiting).rejects.toMatchObject({ status: 503, code: 'role_change_busy', headers: { 'Retry-After': '1' } });
    first.finish();
    await running;
    await lock.run(async () => {});
    expect(log).toEqual(['first starts', 'first ends']);
  });
});
