import { lazy, useState, type ComponentType } from 'react';

/**
 * React.lazy that renders at once when its code is already there (a page or the modeler fetched
 * ahead, e.g. for a draft opened by its address). React 19 holds a Suspense boundary's content back
 * until 300 ms after its fallback showed, so a lazy component that suspends for a moment only still
 * costs that much on the way to the diagram. `preload()` fetches the code; until it has arrived the
 * component suspends as React.lazy does.
 */
export function preloadable<P extends object>(load: () => Promise<ComponentType<P>>) {
  let loaded: ComponentType<P> | undefined;
  let loading: Promise<ComponentType<P>> | undefined;
  const preload = () =>
    (loading ??= load().then(
      (c) => (loaded = c),
      (err) => {
        loading = undefined;
        throw err;
      },
    ));
  const Lazy = lazy(() => preload().then((c) => ({ default: c })));
  function Preloadable(props: P) {
    // (chosen once for this mounted component: switching would mount it again)
    const [Loaded] = useState(() => loaded);
    return Loaded ? <Loaded {...props} /> : <Lazy {...props} />;
  }
  return { Component: Preloadable, preload };
}
