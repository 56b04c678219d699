import { Router, type Request } from 'express';
import {
  IDEMPOTENCY_KEY_HEADER,
  IDEMPOTENT_REPLAYED_HEADER,
  IdempotencyKeySchema,
  PostInputSchema,
  PostListQuerySchema,
  PostPatchSchema,
} from '#shared/posts';
import type { Database } from '../db/database.ts';
import { requireUser } from '../middleware/require-user.ts';
import { readJsonBody } from '../middleware/validate.ts';
import { createPost, deletePost, getPost, listPosts, updatePost } from './posts-service.ts';
import { invalidField } from '../common/http-error.ts';

/** `/api/posts`: every route is signed-in only; who may do what is decided in post-policy.ts. */
export function postsRouter(deps: { database: Database }): Router {
  const { db } = deps.database;
  const router = Router();

  router.get('/', async (req, res) => {
    const caller = requireUser(req);
    // A ZodError answers 400 validation_failed with the offending fields.
    const query = PostListQuerySchema.parse(req.query);
    res.json(await listPosts(db, caller, query));
  });

  router.post('/', async (req, res) => {
    const caller = requireUser(req);
    const idempotencyKey = readIdempotencyKey(req);
    const input = readJsonBody(req, PostInputSchema);
    const { post, replayed } = await createPost(db, caller, input, idempotencyKey);
    if (replayed) res.set(IDEMPOTENT_REPLAYED_HEADER, 'true');
    res.status(201).location(`${req.baseUrl}/${post.id}`).json(post);
  });

  router.get('/:id', async (req, res) => {
    const caller = requireUser(req);
    res.json(await getPost(db, caller, req.params.id));
  });

  router.patch('/:id', async (req, res) => {
    const caller = requireUser(req);
    const patch = readJsonBody(req, PostPatchSchema);
    res.json(await updatePost(db, caller, req.params.id, patch));
  });

  router.delete('/:id', async (req, res) => {
    const caller = requireUser(req);
    await deletePost(db, caller, req.params.id);
    res.status(204).end();
  });

  return router;
}

/**
 * The optional Idempotency-Key, or null. A bad one is refused before the body
 * is read: a client that sends a key relies on it, and silently ignoring it
 * would let its retries write duplicates. Node joins a repeated header with
 * ", ", which the key's charset refuses.
 */
function readIdempotencyKey(req: Request): string | null {
  const raw = req.get(IDEMPOTENCY_KEY_HEADER);
  if (raw === undefined) return null;
  const parsed = IdempotencyKeySchema.safeParse(raw);
  if (!parsed.success) throw invalidField(IDEMPOTENCY_KEY_HEADER, parsed.error.issues[0]?.message ?? 'Not a valid key');
  return parsed.data;
}
