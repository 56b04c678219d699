import { describe, expect, it } from 'vitest';
import { slugProblem, slugify } from '../store/slugs.ts';

describe('slugify (a slug for a name sent without one)', () => {
  it.each([
    ['QA Org Ünïcödé 🚀', 'qa-org-unicode'],
    ['Bletchley Park', 'bletchley-park'],
    ['  --Crème brûlée--  ', 'creme-brulee'],
    ['🚀🚀', 'organization'],
  ])('%s → %s', (name, slug) => {
    expect(slugify(name)).toBe(slug);
    expect(slugProblem(slugify(name))).toBeNull();
  });

  it('never ends with a dash once cut to the longest slug', () => {
    const slug = slugify(`${'a'.repeat(63)} b`);
    expect(slug).toBe('a'.repeat(63));
    expect(slugProblem(slug)).toBeNull();
  });
});

describe('slugProblem (why a chosen slug is refused)', () => {
  it.each([
    ['qa-org-n-c-d-', 'The slug cannot end with a dash.'],
    ['-acme', 'The slug cannot start with a dash.'],
    ['acme inc', 'The slug can contain only lowercase letters (a–z), digits and dashes.'],
    ['ünï', 'The slug can contain only lowercase letters (a–z), digits and dashes.'],
    ['', 'Enter a slug.'],
    ['a'.repeat(65), 'The slug can be at most 64 characters long.'],
  ])('%j: %s', (slug, message) => {
    expect(slugProblem(slug)).toBe(message);
  });

  it.each(['acme', 'a', 'acme-2', 'x1-y2'])('accepts %s', (slug) => {
    expect(slugProblem(slug)).toBeNull();
  });
});
