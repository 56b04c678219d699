import { adminDefaultHandlers } from './admin.ts';
import { greetHandlers } from './greet.ts';
import { helloHandlers } from './hello.ts';
import { meHandlers } from './me.ts';
import { organizationsDefaultHandlers } from './organizations.ts';
import { postsDefaultHandlers } from './posts.ts';
import { profileHandlers, profileUpdateHandlers } from './profile.ts';

/** The API as it answers when all is well; tests swap in a variant with `server.use(...)`. */
export const apiHandlers = [
  helloHandlers.default,
  meHandlers.default,
  profileHandlers.default,
  profileUpdateHandlers.default,
  greetHandlers.default,
  ...postsDefaultHandlers,
  ...adminDefaultHandlers,
  ...organizationsDefaultHandlers,
];
