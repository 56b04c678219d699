import { useId } from 'react';
import { focusRing } from './form-controls.tsx';

/** The accounts the local identity server seeds on first start (server/src/local-identity/seed.ts). */
export const SEEDED_ACCOUNTS = [
  { email: 'admin@example.com', description: 'Ada Lovelace · app admin · Globex admin' },
  { email: 'moderator@example.com', description: 'Grace Hopper · app moderator · Acme member' },
  { email: 'member@example.com', description: 'Alan Turing · no app role · Acme member' },
  { email: 'orgadmin@example.com', description: 'Katherine Johnson · Acme admin (org:posts:manage)' },
  { email: 'outsider@example.com', description: 'Edsger Dijkstra · Globex member' },
] as const;

export const SEEDED_PASSWORD = 'local-dev-password';

/**
 * Says plainly that this is not Clerk: a development stand-in with seeded
 * accounts. It only ever renders in local mode, which refuses to run in production.
 */
export function SeededAccounts({ onPick, disabled }: { onPick: (email: string) => void; disabled: boolean }) {
  const headingId = useId();
  return (
    <section
      aria-labelledby={headingId}
      className="mt-6 rounded-lg border border-amber-300 bg-amber-50 p-3 text-sm text-amber-900 dark:border-amber-800 dark:bg-amber-950/40 dark:text-amber-200"
    >
      <h2 id={headingId} className="font-semibold">
        Local mode
      </h2>
      <p className="mt-1">
        This form is a development stand-in for Clerk, backed by the local identity server. Seeded accounts, all with
        the password <code className="font-mono">{SEEDED_PASSWORD}</code>:
      </p>
      <ul className="mt-2 flex flex-col gap-1">
        {SEEDED_ACCOUNTS.map((account) => (
          <li key={account.email} className="flex items-center justify-between gap-2">
            <span className="min-w-0">
              <span className="block truncate font-mono text-xs">{account.email}</span>
              <span className="block truncate text-xs opacity-80">{account.description}</span>
            </span>
            <button
              type="button"
              disabled={disabled}
              onClick={() => onPick(account.email)}
              aria-label={`Fill in ${account.email}`}
              className={`shrink-0 rounded-md border border-amber-400 px-2 py-1 text-xs font-medium hover:bg-amber-100 disabled:opacity-60 dark:border-amber-700 dark:hover:bg-amber-900/50 ${focusRing}`}
            >
              Use
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}
