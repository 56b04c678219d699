import type { ClerkProviderProps } from '@clerk/react';

type Appearance = NonNullable<ClerkProviderProps['appearance']>;
type Variables = NonNullable<Appearance['variables']>;

const shared = {
  colorDanger: 'oklch(0.577 0.245 27.325)', // red-600
  fontFamily: 'ui-sans-serif, system-ui, -apple-system, "Segoe UI", Roboto, sans-serif',
  borderRadius: '0.5rem', // rounded-lg
} satisfies Variables;

/** Indigo on white and slate, as the app's light pages. */
const light = {
  ...shared,
  colorPrimary: 'oklch(0.511 0.262 276.966)', // indigo-600
  colorForeground: 'oklch(0.208 0.042 265.755)', // slate-900
  colorMutedForeground: 'oklch(0.446 0.043 257.281)', // slate-600
  colorNeutral: 'oklch(0.208 0.042 265.755)', // slate-900
  colorBackground: 'oklch(1 0 0)',
  colorInput: 'oklch(1 0 0)',
  colorInputForeground: 'oklch(0.208 0.042 265.755)',
  colorRing: 'oklch(0.585 0.233 277.117)', // indigo-500
} satisfies Variables;

/** The app's `dark:` classes: slate-900 surfaces, slate-100 text, a lighter indigo. */
const dark = {
  ...shared,
  colorPrimary: 'oklch(0.673 0.182 276.935)', // indigo-400
  colorForeground: 'oklch(0.968 0.007 247.896)', // slate-100
  colorMutedForeground: 'oklch(0.704 0.04 256.788)', // slate-400
  colorNeutral: 'oklch(0.968 0.007 247.896)', // slate-100
  colorBackground: 'oklch(0.208 0.042 265.755)', // slate-900
  colorInput: 'oklch(0.279 0.041 260.031)', // slate-800
  colorInputForeground: 'oklch(0.968 0.007 247.896)',
  colorRing: 'oklch(0.585 0.233 277.117)', // indigo-500
  // red-600 is 3.7:1 on slate-900 (Clerk's "Delete organization"); red-400 is 6.2:1.
  colorDanger: 'oklch(0.704 0.191 22.216)', // red-400
} satisfies Variables;

/**
 * Below `md` the header's account corner sits at the screen's right gutter, and Clerk places its
 * menus by their trigger, pushed back on screen with no margin: the user menu touched the left edge
 * and the switcher's the right one. There they are the page's width, 1rem in from both edges (the
 * header's gutter); `left` is Clerk's inline position, hence `!important`.
 */
const NARROW_SCREEN = '@media (width < 48rem)';
const menuOnNarrowScreens = {
  [NARROW_SCREEN]: { width: 'calc(100vw - 2rem)', maxWidth: 'none', left: '1rem !important' },
};

/** The switcher's label is cut with an ellipsis past this, so a long organization name cannot push the header's other items. */
const SWITCHER_LABEL_MAX_WIDTH = '12rem';

const elements = {
  card: { boxShadow: '0 1px 2px 0 rgb(0 0 0 / 0.05)' },
  formButtonPrimary: { textTransform: 'none', fontWeight: 500 },
  userButtonPopoverCard: menuOnNarrowScreens,
  organizationSwitcherPopoverCard: menuOnNarrowScreens,
  organizationSwitcherTrigger: { maxWidth: SWITCHER_LABEL_MAX_WIDTH },
  organizationPreviewMainIdentifier: { overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' },
} satisfies Appearance['elements'];

const appearances = {
  light: { variables: light, elements },
  dark: { variables: dark, elements },
} satisfies Record<string, Appearance>;

/** Clerk's profile cards (`<OrganizationProfile>`) fill the page's column, as every page's content does; Clerk stops them at 880 px. */
export const fillPageColumn = {
  elements: { rootBox: { width: '100%' }, cardBox: { width: '100%', maxWidth: '100%' } },
} satisfies Appearance;

/**
 * Clerk's components in the app's look, light or dark. Clerk's variables are
 * plain values, not CSS that follows `prefers-color-scheme`, so the provider
 * picks one set by the visitor's color scheme (see usePrefersDark). Colors are
 * Tailwind 4's palette values; Clerk derives hover and focus shades from them.
 */
export function clerkAppearance(scheme: 'light' | 'dark'): Appearance {
  return appearances[scheme];
}
