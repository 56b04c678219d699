/**
 * The publishable key of the local instance: `pk_test_` + base64 of
 * `<frontend API host>$`, the format Clerk's SDKs parse to find the Frontend
 * API. @clerk/express parses the same key on the API side.
 */
export function localPublishableKey(frontendApiUrl: string): string {
  return `pk_test_${btoa(`${new URL(frontendApiUrl).host}$`)}`;
}
