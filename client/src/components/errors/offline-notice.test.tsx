import { act, screen } from '@testing-library/react';
import { onlineManager } from '@tanstack/react-query';
import { describe, expect, it, onTestFinished } from 'vitest';
import { renderApp } from '@/testing/render.tsx';

describe('offline notice', () => {
  it('shows while the browser is offline, and goes when it is back', async () => {
    onTestFinished(() => onlineManager.setOnline(true));
    await renderApp({ route: '/' });
    await screen.findByRole('heading', { level: 1 });
    expect(screen.queryByText(/You are offline/)).not.toBeInTheDocument();

    // What the browser's `offline` event tells TanStack Query's onlineManager, which the app reads.
    act(() => onlineManager.setOnline(false));
    expect(await screen.findByText(/You are offline/)).toBeInTheDocument();

    act(() => onlineManager.setOnline(true));
    expect(screen.queryByText(/You are offline/)).not.toBeInTheDocument();
  });
});
