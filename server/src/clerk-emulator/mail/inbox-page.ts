import { Router } from 'express';
import type { Inbox, MailMessage } from './inbox.ts';

/**
 * The inbox page, `GET /__clerk/inbox` (`?to=<address>` for one address): every
 * message the emulator would have sent, newest first, as plain HTML with every
 * value escaped. Served under the proxy path, so the SPA's own origin shows it
 * too (Vite and the end-to-end server forward `/__clerk`). The emulator's CSP
 * (`default-src 'none'`) stays: the page needs no script, style or image.
 */
const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (character) => ESCAPES[character] ?? character);
}

const KIND_LABELS: Record<MailMessage['kind'], string> = {
  verification_code: 'Verification code',
  reset_password_code: 'Password reset code',
  organization_invitation: 'Organization invitation',
  application_invitation: 'Invitation',
  waitlist_invitation: 'Waitlist invitation',
};

function messageHtml(message: MailMessage): string {
  const sentAt = new Date(message.sentAt).toISOString();
  const code = message.code === null ? '' : `<p>Code: <strong class="code">${escapeHtml(message.code)}</strong></p>`;
  const link = message.link ? `<p><a href="${escapeHtml(message.link)}">Accept the invitation</a></p>` : '';
  return [
    `<article aria-labelledby="${message.id}">`,
    `<h2 id="${message.id}">${escapeHtml(message.subject)}</h2>`,
    `<p>${KIND_LABELS[message.kind]} to <span class="to">${escapeHtml(message.to)}</span>, sent <time datetime="${sentAt}">${sentAt}</time></p>`,
    code,
    link,
    '</article>',
  ].join('');
}

export function inboxHtml(messages: readonly MailMessage[], to: string | undefined): string {
  const title = to ? `Local inbox: ${to}` : 'Local inbox';
  const body = messages.length === 0 ? '<p>No messages yet.</p>' : messages.map(messageHtml).join('\n');
  return `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${escapeHtml(title)}</title></head>
<body>
<main>
<h1>${escapeHtml(title)}</h1>
<p>Every email the Clerk emulator would have sent, newest first. Nothing leaves this machine.</p>
${body}
</main>
</body>
</html>
`;
}

export function inboxRouter(inbox: Inbox): Router {
  const router = Router();
  router.get('/inbox', (req, res) => {
    const to = typeof req.query.to === 'string' && req.query.to.trim() ? req.query.to : undefined;
    // Codes change with every send: never from a cache.
    res
      .set('Cache-Control', 'no-store')
      .type('html')
      .send(inboxHtml(inbox.messages(to), to));
  });
  return router;
}
