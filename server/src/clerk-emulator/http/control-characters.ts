/**
 * Control characters (C0 and C1, NUL included) and the bidirectional
 * overrides and isolates: a name holding them breaks log lines, terminal
 * output and CSV exports, or shows one name while being another. Clerk
 * refuses them in names; so does the emulator.
 */
const CONTROL_CHARACTERS = /[\p{Cc}\u202A-\u202E\u2066-\u2069]/u;

export function containsControlCharacters(value: string): boolean {
  return CONTROL_CHARACTERS.test(value);
}

/** Names, slugs and usernames: the body parameters checked by the rule above. */
export const NAME_PARAMS = ['first_name', 'last_name', 'name', 'slug', 'username'] as const;

export const CONTROL_CHARACTERS_MESSAGE = 'must not contain control characters';
