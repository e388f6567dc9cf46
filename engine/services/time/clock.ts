/** The platform's clock. Tests and demos may run it ahead; everything date-related reads it. */
export interface Clock {
  now(): number;
}

export const systemClock: Clock = { now: () => Date.now() };

export class OffsetClock implements Clock {
  private offsetMs = 0;
  now(): number {
    return Date.now() + this.offsetMs;
  }
  advance(ms: number): void {
    this.offsetMs += ms;
  }
  /** Jump to an instant (scenarios start on the notice's dates). */
  set(instantMs: number): void {
    this.offsetMs = instantMs - Date.now();
  }
}

/** Civil date in China (Asia/Shanghai, UTC+8, no DST) as YYYY-MM-DD. */
export function shanghaiDate(ms: number): string {
  return new Date(ms + 8 * 3600 * 1000).toISOString().slice(0, 10);
}
