import type { ClerkProviderProps } from '@clerk/react';

/**
 * Clerk's components (Clerk mode) in the app's look: indigo accent on slate,
 * rounded-lg corners, the system font stack. Colors are Tailwind 4's palette
 * values; Clerk derives hover, focus and dark shades from them.
 */
export const clerkAppearance = {
  variables: {
    colorPrimary: 'oklch(0.511 0.262 276.966)', // indigo-600
    colorDanger: 'oklch(0.577 0.245 27.325)', // red-600
    colorForeground: 'oklch(0.208 0.042 265.755)', // slate-900
    colorMutedForeground: 'oklch(0.446 0.043 257.281)', // slate-600
    colorNeutral: 'oklch(0.208 0.042 265.755)', // slate-900
    colorBackground: 'oklch(1 0 0)',
    colorInput: 'oklch(1 0 0)',
    colorInputForeground: 'oklch(0.208 0.042 265.755)',
    colorRing: 'oklch(0.585 0.233 277.117)', // indigo-500
    fontFamily: 'ui-sans-serif, system-ui, -apple-system, "Segoe UI", Roboto, sans-serif',
    borderRadius: '0.5rem', // rounded-lg
  },
  elements: {
    card: { boxShadow: '0 1px 2px 0 rgb(0 0 0 / 0.05)' },
    formButtonPrimary: { textTransform: 'none', fontWeight: 500 },
  },
} satisfies NonNullable<ClerkProviderProps['appearance']>;
