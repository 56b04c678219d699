import { isClerkAPIResponseError } from '@clerk/shared/error';

/** The status and first error code of a call to Clerk's Backend API through its SDK, which must have failed. */
export async function clerkError(promise: Promise<unknown>): Promise<{ status: number; code: string | undefined }> {
  const error: unknown = await promise.then(
    () => null,
    (caught: unknown) => caught,
  );
  if (!isClerkAPIResponseError(error)) throw new Error(`expected a ClerkAPIResponseError, got ${String(error)}`);
  return { status: error.status, code: error.errors[0]?.code };
}
