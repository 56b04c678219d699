import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import type { Logger } from 'pino';
import { z } from 'zod';
import { readTextIfExists, writeFileAtomically } from '../../common/files.ts';

/**
 * Every email the emulator would have sent (verification and reset codes, organization, application and waitlist invitations),
 * kept in `inbox.json` beside the store so a restart keeps them, newest first,
 * and written to the log on one line each. The inbox page (inbox-page.ts)
 * shows them. The code is the one secret a message carries, as in a real email.
 */
export const INBOX_FILE = 'inbox.json';
/** The oldest messages go past this many: a development inbox, not an archive. */
export const INBOX_LIMIT = 200;

const MessageSchema = z.object({
  id: z.string(),
  kind: z.enum(['verification_code', 'reset_password_code', 'organization_invitation', 'application_invitation', 'waitlist_invitation']),
  to: z.string(),
  subject: z.string(),
  code: z.string().nullable(),
  // Where the message leads (an invitation's redirect_url); absent for codes and older inboxes.
  link: z.string().optional(),
  sentAt: z.number().int(),
});
const InboxFileSchema = z.object({ version: z.literal(1), messages: z.array(MessageSchema) });

export type MailMessage = z.infer<typeof MessageSchema>;
export type NewMessage = Omit<MailMessage, 'id' | 'sentAt'>;

export class Inbox {
  readonly #path: string | null;
  readonly #logger: Logger | undefined;
  readonly #messages: MailMessage[];

  /** `dataDir` null keeps the messages in memory only. */
  constructor(dataDir: string | null, logger?: Logger) {
    this.#path = dataDir === null ? null : join(dataDir, INBOX_FILE);
    this.#logger = logger;
    this.#messages = this.#path ? readMessages(this.#path) : [];
  }

  send(message: NewMessage, now: number): MailMessage {
    const sent: MailMessage = { ...message, id: `msg_${randomBytes(8).toString('hex')}`, sentAt: now };
    this.#messages.unshift(sent);
    this.#messages.splice(INBOX_LIMIT);
    if (this.#path) writeFileAtomically(this.#path, JSON.stringify({ version: 1, messages: this.#messages }), { mode: 0o600 });
    this.#logger?.info({ to: sent.to, kind: sent.kind, code: sent.code }, `email to ${sent.to}: ${sent.subject}`);
    return sent;
  }

  /** Newest first; only those to `to` when given (compared without case). */
  messages(to?: string): readonly MailMessage[] {
    if (!to) return [...this.#messages];
    const wanted = to.trim().toLowerCase();
    return this.#messages.filter((message) => message.to === wanted);
  }
}

/** A file that does not parse starts an empty inbox: unlike the store, nothing in it is worth refusing to start for. */
function readMessages(path: string): MailMessage[] {
  const text = readTextIfExists(path);
  if (text === null) return [];
  try {
    const parsed = InboxFileSchema.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data.messages : [];
  } catch {
    return [];
  }
}

/** The two emails the Frontend API sends, worded as Clerk's are. */
export function verificationCodeEmail(to: string, code: string): NewMessage {
  return { kind: 'verification_code', to, subject: `${code} is your verification code`, code };
}

export function resetPasswordCodeEmail(to: string, code: string): NewMessage {
  return { kind: 'reset_password_code', to, subject: `${code} is your password reset code`, code };
}

/**
 * An organization invitation, with its link: the invitation's `url`, carrying the sign-up ticket that accepts it
 * (Clerk's `__clerk_ticket`). Signing up or in with the address and accepting from the invitation list works too.
 */
export function organizationInvitationEmail(to: string, organizationName: string, link: string | null): NewMessage {
  return {
    kind: 'organization_invitation',
    to,
    subject: `You have been invited to join ${organizationName}: follow the link to accept`,
    code: null,
    ...(link ? { link } : {}),
  };
}

/** An application invitation (Backend API `/v1/invitations`), with its link: the sign-up ticket that accepts it. */
export function applicationInvitationEmail(to: string, link: string): NewMessage {
  return { kind: 'application_invitation', to, subject: 'You have been invited to sign up: follow the link to accept', code: null, link };
}

/** A waitlist entry's invitation: its application invitation's link (Clerk's `waitlist_invitation` template). */
export function waitlistInvitationEmail(to: string, link: string): NewMessage {
  return { kind: 'waitlist_invitation', to, subject: 'You have been invited off the waitlist: follow the link to sign up', code: null, link };
}
