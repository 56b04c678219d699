import { useSyncExternalStore } from 'react';
import { onlineManager } from '@tanstack/react-query';

/**
 * Whether the browser has a network, as TanStack Query's `onlineManager` sees
 * it (the browser's `online`/`offline` events): the one source the app reads,
 * so the offline notice, paused mutations and lazy pages agree.
 */
export function useIsOnline(): boolean {
  return useSyncExternalStore(
    (onChange) => onlineManager.subscribe(onChange),
    () => onlineManager.isOnline(),
  );
}

/** `onlineManager` starts out online and waits for an event; a page opened offline starts offline instead. */
export function startOnlineManagerFromNavigator(): void {
  if (typeof navigator !== 'undefined' && !navigator.onLine) onlineManager.setOnline(false);
}

/** Runs `callback` each time the browser comes back online; returns the unsubscribe. */
export function onBackOnline(callback: () => void): () => void {
  let wasOnline = onlineManager.isOnline();
  return onlineManager.subscribe((online) => {
    if (online && !wasOnline) callback();
    wasOnline = online;
  });
}
