import {
  LOCAL_ACCOUNTS,
  LOCAL_INBOX_PATH,
  LOCAL_ORGANIZATIONS,
  LOCAL_SEED_PASSWORD,
  LOCAL_TEST_EMAIL_MARKER,
  LOCAL_VERIFICATION_CODE,
  type LocalAccount,
} from '#shared/local-clerk';

export interface LocalModeHintProps {
  /** On sign-up the test addresses' code matters; on sign-in the seeded accounts. */
  flow: 'sign-in' | 'sign-up';
}

const organizationName = (slug: string) => LOCAL_ORGANIZATIONS.find((organization) => organization.slug === slug)?.name ?? slug;

function organizationsOf(account: LocalAccount): string {
  if (account.organizations.length === 0) return '—';
  return account.organizations.map(({ slug, role }) => `${organizationName(slug)} (${role.replace(/^org:/, '')})`).join(', ');
}

/** An email that may wrap before its "@" on a narrow screen, and nowhere else. */
function EmailAddress({ address }: { address: string }) {
  const at = address.indexOf('@');
  return (
    <span className="block font-mono">
      {address.slice(0, at)}
      <wbr />
      {address.slice(at)}
    </span>
  );
}

/**
 * Local mode only, beside Clerk's sign-in and sign-up: the emulator's seeded
 * accounts, their password, and where the emailed codes are, so nobody has to look them up.
 * Never in a Clerk-mode build (see local-mode-hint-slot.tsx).
 */
export function LocalModeHint({ flow }: LocalModeHintProps) {
  return (
    <aside
      aria-labelledby="local-mode-title"
      className="w-full max-w-md rounded-lg border border-dashed border-amber-400 bg-amber-50 p-3 sm:p-4 text-sm text-amber-950 dark:border-amber-600 dark:bg-amber-950/40 dark:text-amber-100"
    >
      <h2 id="local-mode-title" className="font-semibold">
        Local mode: development accounts
      </h2>
      <p className="mt-1">
        Clerk runs against the local emulator; no email is sent. Every seeded account’s password is{' '}
        <code className="font-mono">{LOCAL_SEED_PASSWORD}</code>.
      </p>
      <p className="mt-1">
        {flow === 'sign-up' ? (
          <>
            An address with <code className="font-mono">{LOCAL_TEST_EMAIL_MARKER}</code> takes the code{' '}
            <code className="font-mono">{LOCAL_VERIFICATION_CODE}</code>; any other gets its code in the{' '}
          </>
        ) : (
          <>Codes for “Forgot password?” and email sign-in are in the </>
        )}
        <a className="underline" href={LOCAL_INBOX_PATH} target="_blank" rel="noreferrer">
          local inbox
        </a>
        .
      </p>
      {/*
        Three columns, small type, and emails that may break before their "@": four columns of
        unbroken emails were wider than this box beside Clerk's card, and than a phone.
      */}
      <table className="mt-3 w-full text-left text-xs">
        <caption className="sr-only">Seeded accounts</caption>
        <thead>
          <tr>
            <th className="py-1 pr-2 font-semibold">Account</th>
            <th className="py-1 pr-2 font-semibold">App role</th>
            <th className="py-1 font-semibold">Organizations</th>
          </tr>
        </thead>
        <tbody>
          {LOCAL_ACCOUNTS.map((account) => (
            <tr key={account.key} className="border-t border-amber-200 align-top dark:border-amber-800">
              <td className="py-1 pr-2">
                <EmailAddress address={account.emailAddress} />
                <span className="block">{`${account.firstName} ${account.lastName}`}</span>
              </td>
              <td className="py-1 pr-2">{account.appRole ?? '—'}</td>
              <td className="py-1">{organizationsOf(account)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </aside>
  );
}
