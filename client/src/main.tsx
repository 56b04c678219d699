import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { RouterProvider } from 'react-router/dom';
import { createAppRouter } from '@/app/router.tsx';
import { removeStaticTitle } from '@/components/page-title.tsx';
import { createQueryClient } from '@/lib/query-client.ts';
import { startOnlineManagerFromNavigator } from '@/lib/network.ts';
import './styles.css';

const container = document.getElementById('root');
if (!container) throw new Error('index.html must contain <div id="root">');

removeStaticTitle();
startOnlineManagerFromNavigator();
const router = createAppRouter({ queryClient: createQueryClient() });

createRoot(container).render(
  <StrictMode>
    <RouterProvider router={router} />
  </StrictMode>,
);
