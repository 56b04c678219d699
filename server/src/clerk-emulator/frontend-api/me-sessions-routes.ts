import { Router, type RequestHandler } from 'express';
import { EmulatorError } from '../http/errors.ts';
import { isSessionActive, revokeSessions } from '../store/sessions.ts';
import type { StoredSession, StoredUser } from '../store/store.ts';
import { callerClient, callerSession, frontendContext, sendWithClient, type FrontendDeps } from './fapi-context.ts';
import { fapiSession, type FrontendJsonContext } from './fapi-json.ts';
import { sessionActivityJson } from './session-activity.ts';

/**
 * `/v1/me/sessions`: the user's sessions on every browser, as `<UserProfile>`'s
 * "Active devices" lists them, and signing another device out.
 */
export function meSessionsRouter(deps: FrontendDeps): Router {
  const router = Router();
  const now = () => (deps.now ?? Date.now)();

  // The one bare array in the Frontend API.
  router.get('/sessions/active', (req, res) => {
    const { user } = callerSession(req, res, deps);
    const ctx = frontendContext(req, res, deps);
    const sessions = deps.store.data.sessions.filter((session) => session.userId === user.id && isSessionActive(session, ctx.now));
    res.json(sessions.map((session) => devicesSessionJson(session, user, ctx, callerClient(res).id)));
  });

  router.post('/sessions/:sid/revoke', (req, res) => {
    const { user } = callerSession(req, res, deps);
    const session = deps.store.sessionById(req.params.sid);
    if (session?.userId !== user.id) throw new EmulatorError(404, 'resource_not_found', 'No such session of yours.');
    revokeSessions(deps.store, [session], now());
    sendWithClient(req, res, deps, (ctx) => devicesSessionJson(session, user, ctx, callerClient(res).id));
  });

  return router;

  /** A session of any of the user's browsers: never with a token, which is only ever minted for its own browser. */
  function devicesSessionJson(session: StoredSession, user: StoredUser, ctx: FrontendJsonContext, callerClientId: string) {
    const client = deps.store.data.clients.find((candidate) => candidate.id === session.clientId);
    const own = session.clientId === callerClientId;
    return {
      ...fapiSession(session, user, own ? ctx : { ...ctx, lastActiveToken: () => null }),
      latest_activity: sessionActivityJson(session, client),
    };
  }
}

/**
 * Keeps each client's User-Agent and address as its browser last sent them,
 * written only when they change (a browser sends the same ones every call).
 */
export function recordBrowserDetails(deps: FrontendDeps): RequestHandler {
  return (req, res, next) => {
    const client = callerClient(res);
    const userAgent = req.get('user-agent')?.slice(0, 512);
    const ipAddress = req.socket.remoteAddress?.replace(/^::ffff:/, '').slice(0, 64);
    if (client.userAgent !== userAgent || client.ipAddress !== ipAddress) {
      deps.store.update(() => {
        client.userAgent = userAgent;
        client.ipAddress = ipAddress;
      });
    }
    next();
  };
}
