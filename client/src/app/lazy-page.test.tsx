import { act, render, screen } from '@testing-library/react';
import { userEvent } from '@testing-library/user-event';
import { onlineManager } from '@tanstack/react-query';
import { RouterProvider, createMemoryRouter } from 'react-router';
import { describe, expect, it, onTestFinished } from 'vitest';
import { lazyPage } from './lazy-page.tsx';

function Loaded() {
  return <h1>The page</h1>;
}

/** A module that fails to download `failures` times (as `import()` does offline), then loads. */
function flakyModule(failures: number) {
  const module = { attempts: 0, failures };
  const load = async () => {
    module.attempts += 1;
    if (module.attempts <= module.failures) {
      throw new TypeError('Failed to fetch dynamically imported module: http://localhost:5173/src/app/routes/posts.tsx');
    }
    return Loaded;
  };
  return { module, load };
}

function renderLazyRoute(load: () => Promise<typeof Loaded>) {
  const router = createMemoryRouter([{ path: '/', lazy: lazyPage(load, 0) }]);
  onTestFinished(() => {
    router.dispose();
    onlineManager.setOnline(true);
  });
  render(<RouterProvider router={router} />);
  return { user: userEvent.setup() };
}

describe('lazyPage (a route whose chunk may fail to download)', () => {
  it('asks once more when the first download fails, and shows the page', async () => {
    const { module, load } = flakyModule(1);
    renderLazyRoute(load);
    expect(await screen.findByRole('heading', { name: 'The page' })).toBeInTheDocument();
    expect(module.attempts).toBe(2);
  });

  it('says the network is unavailable after the retry fails too, without the browser’s message, and retries on request', async () => {
    const { module, load } = flakyModule(3);
    const { user } = renderLazyRoute(load);

    expect(await screen.findByRole('heading', { name: 'The network is unavailable' })).toBeInTheDocument();
    expect(module.attempts).toBe(2);
    expect(document.body).not.toHaveTextContent(/localhost|dynamically imported|Failed to fetch/);

    await user.click(screen.getByRole('button', { name: 'Retry' }));
    expect(await screen.findByRole('heading', { name: 'The network is unavailable' })).toBeInTheDocument();
    expect(module.attempts).toBe(3);

    await user.click(await screen.findByRole('button', { name: 'Retry' }));
    expect(await screen.findByRole('heading', { name: 'The page' })).toBeInTheDocument();
    expect(module.attempts).toBe(4);
  });

  it('loads the page by itself when the browser comes back online', async () => {
    const { module, load } = flakyModule(2);
    act(() => onlineManager.setOnline(false));
    renderLazyRoute(load);
    expect(await screen.findByRole('heading', { name: 'The network is unavailable' })).toBeInTheDocument();
    // Let the page's effects run (its online listener) before the network returns, as they do in a browser.
    await act(async () => {});

    act(() => onlineManager.setOnline(true));

    expect(await screen.findByRole('heading', { name: 'The page' })).toBeInTheDocument();
    expect(module.attempts).toBe(3);
  });
});
