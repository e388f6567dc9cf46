/**
 * The properties panel's `debounceInput` service (it delays writing a typed value into the diagram by
 * 300 ms), with every pending write flushable: 保存 right after typing must save what was typed.
 * Each modeler gets its own instance: `createFlushableInput()` → `{ module, flush }`.
 */
export function createFlushableInput(delay = 300): { module: Record<string, unknown>; flush(): void } {
  const pending = new Set<() => void>();
  function debounceInput() {
    return function debounce<A extends unknown[]>(fn: (...args: A) => unknown) {
      let timer: ReturnType<typeof setTimeout> | undefined;
      let last: A | undefined;
      const flush = () => {
        clearTimeout(timer);
        pending.delete(flush);
        if (!last) return;
        const args = last;
        last = undefined;
        fn(...args);
      };
      return (...args: A) => {
        last = args;
        clearTimeout(timer);
        pending.add(flush);
        timer = setTimeout(flush, delay);
      };
    };
  }
  return {
    module: { debounceInput: ['factory', debounceInput] },
    flush: () => {
      for (const f of [...pending]) f();
    },
  };
}
