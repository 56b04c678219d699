import { describe, expect, it } from 'vitest';
import { mergeMetadata } from './metadata.ts';

describe('mergeMetadata', () => {
  it('merges nested objects, replaces other values and removes keys set to null', () => {
    const current = { role: 'admin', prefs: { theme: 'dark', lang: 'en' }, tags: ['a'] };
    const merged = mergeMetadata(current, { prefs: { lang: null, tz: 'UTC' }, tags: ['b'], role: null, plan: 'pro' });
    expect(merged).toEqual({ prefs: { theme: 'dark', tz: 'UTC' }, tags: ['b'], plan: 'pro' });
  });

  it('does not change its inputs', () => {
    const current = { prefs: { theme: 'dark' } };
    const patch = { prefs: { theme: 'light' } };
    mergeMetadata(current, patch);
    expect(current).toEqual({ prefs: { theme: 'dark' } });
  });

  it('ignores a __proto__ key instead of replacing the prototype', () => {
    const merged = mergeMetadata({}, JSON.parse('{"__proto__": {"polluted": true}, "ok": 1}') as Record<string, unknown>);
    expect(merged).toEqual({ ok: 1 });
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.getPrototypeOf(merged)).toBe(Object.prototype);
  });
});
