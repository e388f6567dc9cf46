/** The heat colour of a share (0–1) of the busiest element's count: pale yellow → deep red. */
export function heatColour(share: number): string {
  const s = Math.min(Math.max(share, 0), 1);
  // Hue 50 (yellow) to 0 (red), lightness 88% to 45%: readable text stays black on the pale end.
  const hue = Math.round(50 - 50 * s);
  const light = Math.round(88 - 43 * s);
  return `hsl(${hue}, 90%, ${light}%)`;
}

/** The colour scale's stops, for the legend. */
export const HEAT_STOPS = [0, 0.25, 0.5, 0.75, 1];
