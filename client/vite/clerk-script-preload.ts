import type { Plugin } from 'vite';
import { clerkJSScriptUrl, clerkUIScriptUrl } from '@clerk/shared/loadClerkJsScript';

/** What @clerk/react's loader builds its script URLs from: the same values the app gives ClerkProvider. */
export interface ClerkScriptSource {
  publishableKey: string;
  proxyUrl?: string | undefined;
}

/**
 * The URLs of clerk-js and @clerk/ui exactly as @clerk/react will request them,
 * computed by the loader's own functions from the installed @clerk/shared (its
 * versions, its proxy rules), so a preload can never name a different file.
 * Local mode: `/__clerk/npm/@clerk/clerk-js@6/dist/clerk.browser.js` on the
 * page's own origin; Clerk mode: the Frontend API host from the key (or the proxy).
 */
export function clerkScriptUrls(source: ClerkScriptSource): string[] {
  const options = { publishableKey: source.publishableKey, ...(source.proxyUrl ? { proxyUrl: source.proxyUrl } : {}) };
  return [clerkJSScriptUrl(options), clerkUIScriptUrl(options)];
}

/**
 * `crossorigin="anonymous"` because the loader's script elements carry it: a
 * preload whose mode differs from the script's is not reused, and the script
 * would be fetched twice.
 */
export function clerkPreloadTags(urls: readonly string[]): string {
  return urls.map((url) => `<link rel="preload" as="script" crossorigin="anonymous" href="${url}">`).join('\n    ');
}

export interface ClerkScriptPreloadOptions extends ClerkScriptSource {
  /** Paths whose first paint needs Clerk (its components, or a session before anything shows). */
  pages: readonly string[];
}

/**
 * Emits `<page>/index.html` for each page: the built `index.html` with Clerk's
 * two scripts preloaded, so the browser starts fetching them as soon as the HTML
 * arrives instead of after the app's JavaScript has run. Static hosts and CDNs
 * answer `/sign-in` with `sign-in/index.html` before the SPA fallback; every
 * other path (the home page first) keeps the plain `index.html`, free of Clerk
 * until the app asks for it. The preloads come last in <head>, after the app's
 * own script and styles.
 */
export function clerkScriptPreload({ pages, ...source }: ClerkScriptPreloadOptions): Plugin {
  const tags = clerkPreloadTags(clerkScriptUrls(source));
  return {
    name: 'clerk-script-preload',
    apply: 'build',
    enforce: 'post',
    generateBundle(_options, bundle) {
      const index = bundle['index.html'];
      if (index?.type !== 'asset') return this.error('clerk-script-preload: the build emitted no index.html');
      const html = typeof index.source === 'string' ? index.source : new TextDecoder().decode(index.source);
      if (!html.includes('</head>')) return this.error('clerk-script-preload: index.html has no </head>');
      const withPreloads = html.replace('</head>', `  ${tags}\n  </head>`);
      for (const page of pages) this.emitFile({ type: 'asset', fileName: `${page.replace(/^\//, '')}/index.html`, source: withPreloads });
    },
  };
}
