import { Router } from 'express';
import { z } from 'zod';
import { sendClerkJson } from '../http/clerk-http.ts';
import { joinWaitlist } from '../store/waitlist.ts';
import { formError, type FrontendDeps } from './fapi-context.ts';

/**
 * `<Waitlist>`'s one call (`clerk.joinWaitlist`): the entry's `{ object, id }` as Clerk's spec gives it, with its
 * timestamps, which clerk-js reads; an address already on the waitlist answers its entry again, as Clerk's does.
 */
// Anything else is refused before this (form-rules.ts); a missing address is refused here, under its field.
const JoinWaitlist = z.object({ email_address: z.string().optional() });

export function waitlistRouter(deps: FrontendDeps): Router {
  const router = Router();
  router.post('/', (req, res) => {
    const { email_address: emailAddress } = JoinWaitlist.parse(req.body ?? {});
    if (emailAddress === undefined || emailAddress.trim() === '') {
      throw formError('form_param_missing', 'Enter an email address.', 'email_address');
    }
    const { entry } = joinWaitlist(deps.store, emailAddress, (deps.now ?? Date.now)());
    sendClerkJson(res, 200, { object: 'waitlist_entry', id: entry.id, created_at: entry.createdAt, updated_at: entry.updatedAt });
  });
  return router;
}
