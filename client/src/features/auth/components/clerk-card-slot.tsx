import type { ReactNode } from 'react';

/**
 * The space of Clerk's card on the first step, held before clerk-js and its UI
 * have loaded, so nothing after it (the local-mode hint below it on a phone,
 * beside it on a wide screen; the footer) moves when the card appears. Clerk's
 * card is at most 25rem wide; the heights are those of its first step in local
 * mode at a phone's width (sign-in 382 px, sign-up 458 px) with a little room.
 * An instance with social buttons or more fields has a taller card: raise them.
 */
const minHeight = {
  'sign-in': 'min-h-[25rem]',
  'sign-up': 'min-h-[29.5rem]',
} as const;

export interface ClerkCardSlotProps {
  flow: keyof typeof minHeight;
  children: ReactNode;
}

export function ClerkCardSlot({ flow, children }: ClerkCardSlotProps) {
  return (
    <div data-testid="clerk-card-slot" className={`flex w-full max-w-[25rem] shrink-0 flex-col items-center ${minHeight[flow]}`}>
      {children}
    </div>
  );
}
