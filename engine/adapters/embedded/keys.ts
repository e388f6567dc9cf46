// Zeebe-like numeric keys: sortable by creation time, unique across processes in practice
// (millisecond clock × 10^6 + a per-process sequence starting at a random offset).
let seq = Math.floor(Math.random() * 500_000);
let lastMs = 0;

export function nextKey(): string {
  const now = Date.now();
  if (now !== lastMs) {
    lastMs = now;
    seq = Math.floor(Math.random() * 500_000);
  }
  seq = (seq + 1) % 1_000_000;
  return (BigInt(now) * 1_000_000n + BigInt(seq)).toString();
}
