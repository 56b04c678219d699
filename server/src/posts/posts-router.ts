import { Router } from 'express';
import { PostInputSchema, PostListQuerySchema, PostPatchSchema } from '#shared/posts';
import type { Database } from '../db/database.ts';
import { requireUser } from '../middleware/require-user.ts';
import { readJsonBody } from '../middleware/validate.ts';
import { createPost, deletePost, getPost, listPosts, updatePost } from './posts-service.ts';

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
    const input = readJsonBody(req, PostInputSchema);
    const post = await createPost(db, caller, input);
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
