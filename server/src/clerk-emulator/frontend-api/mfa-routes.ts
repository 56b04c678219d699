import { Router } from 'express';
import { z } from 'zod';
import type { StoredUser } from '../store/store.ts';
import { disableTotp, regenerateBackupCodes, startTotpSetup, totpUri, verifyTotpSetup } from '../store/second-factors.ts';
import { callerSession, formError, sendWithClient, type FrontendDeps } from './fapi-context.ts';

/**
 * `/v1/me/totp` and `/v1/me/backup_codes`: two-step verification as
 * `<UserProfile>`'s security page sets it up. The secret and its URI are
 * answered once, at creation; the code that verifies the setup also brings
 * the first backup codes, which `<UserProfile>` shows to be saved.
 */
const VerifyTotp = z.object({ code: z.string().trim() });

type StoredTotp = NonNullable<StoredUser['totp']>;

function totpJson(totp: StoredTotp, extra: { secret?: string; uri?: string | null; backupCodes?: string[] } = {}) {
  return {
    object: 'totp',
    id: totp.id,
    secret: extra.secret ?? null,
    uri: extra.uri ?? null,
    verified: totp.verified,
    backup_codes: extra.backupCodes ?? null,
    created_at: totp.createdAt,
    updated_at: totp.updatedAt,
  };
}

export function mfaRouter(deps: FrontendDeps, issuerName: string): Router {
  const router = Router();
  const now = () => (deps.now ?? Date.now)();

  router.post('/totp', (req, res) => {
    const { user } = callerSession(req, res, deps);
    const totp = startTotpSetup(deps.store, user, now());
    sendWithClient(req, res, deps, () => totpJson(totp, { secret: totp.secret, uri: totpUri(user, issuerName) }));
  });

  router.post('/totp/attempt_verification', (req, res) => {
    const { user } = callerSession(req, res, deps);
    const { code } = VerifyTotp.parse(req.body ?? {});
    const codes = verifyTotpSetup(deps.store, user, code, now());
    if (!codes) throw formError('form_code_incorrect', 'Incorrect code', 'code');
    sendWithClient(req, res, deps, () => totpJson(user.totp!, { backupCodes: codes }));
  });

  router.delete('/totp', (req, res) => {
    const { user } = callerSession(req, res, deps);
    const id = user.totp?.id;
    disableTotp(deps.store, user, now());
    sendWithClient(req, res, deps, () => ({ object: 'totp', id, deleted: true }));
  });

  router.post('/backup_codes', (req, res) => {
    const { user } = callerSession(req, res, deps);
    const { id, codes } = regenerateBackupCodes(deps.store, user, now());
    const backupCodes = user.backupCodes!;
    sendWithClient(req, res, deps, () => ({
      object: 'backup_code',
      id,
      codes,
      created_at: backupCodes.createdAt,
      updated_at: backupCodes.updatedAt,
    }));
  });

  return router;
}
