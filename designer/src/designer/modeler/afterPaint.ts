/**
 * Runs `fn` once the browser has painted the current frame and has a moment to spare (an idle period,
 * or at the latest after `timeoutMs`): work that can wait — the live lint, the task templates — stays
 * out of the way of the diagram being shown and of the first clicks on it.
 */
export function afterPaint(fn: () => void, timeoutMs = 1000): void {
  requestAnimationFrame(() =>
    setTimeout(() => {
      if (typeof requestIdleCallback === 'function') requestIdleCallback(() => fn(), { timeout: timeoutMs });
      else fn();
    }, 0),
  );
}
