const APP_NAME = 'Clerk SPA + API';

/**
 * The document's title for a page: React 19 hoists it into <head>. Pages
 * name what they show (an organization's name, a post's title), not the URL.
 */
export function PageTitle({ name }: { name: string }) {
  return <title>{`${name} · ${APP_NAME}`}</title>;
}

/**
 * index.html carries a title for the first paint and for browsers without
 * JavaScript. React does not own it, so it would stay beside the page's
 * hoisted one (two <title>s, the static one winning in some readers): the app
 * removes it before its first render.
 */
export function removeStaticTitle(doc: Document = document): void {
  for (const title of doc.head.querySelectorAll('title')) title.remove();
}
