import type { GreetRequest, GreetResponse } from '#shared/api-contracts';
import type { Caller } from '../common/caller.ts';

export function greet(caller: Caller, input: GreetRequest, now: Date = new Date()): GreetResponse {
  return { greeting: `Hello, ${input.name}!`, greetedBy: caller.userId, at: now.toISOString() };
}
