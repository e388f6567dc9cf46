/**
 * Estimates how bpmn-js lays out a label (Arial 12px inside shapes, 11px outside, line height 1.2,
 * wrapping at the box width; CJK text has no spaces, so it wraps between characters). The estimate
 * errs wide so that reserved boxes hold the text as drawn.
 */
export function textWidth(text: string, fontSize: number): number {
  let w = 0;
  for (const ch of text) {
    const code = ch.codePointAt(0)!;
    if (code >= 0x2e80 || (code >= 0xff00 && code <= 0xffef)) w += fontSize * 1.05;
    else if (/[A-Z0-9MW@%&]/.test(ch)) w += fontSize * 0.68;
    else if (ch === ' ') w += fontSize * 0.28;
    else w += fontSize * 0.56;
  }
  return w;
}

/** Lines a text needs at the given wrap width (greedy, character by character, as for CJK). */
export function wrapLines(text: string, fontSize: number, width: number): number {
  let lines = 1;
  let line = 0;
  for (const ch of text) {
    const w = textWidth(ch, fontSize);
    if (line + w > width && line > 0) {
      lines += 1;
      line = 0;
    }
    line += w;
  }
  return lines;
}

export const EXTERNAL_FONT = 11;
export const EXTERNAL_WRAP = 90;
const LINE_HEIGHT = 1.2;

/** Size of an external label (events, gateways, flows): at most 90 wide like bpmn-js's default. */
export function externalLabelSize(text: string): { width: number; height: number } {
  const single = textWidth(text, EXTERNAL_FONT);
  const width = Math.ceil(Math.min(single, EXTERNAL_WRAP)) + 4;
  const lines = single <= EXTERNAL_WRAP ? 1 : wrapLines(text, EXTERNAL_FONT, EXTERNAL_WRAP);
  return { width, height: Math.ceil(lines * EXTERNAL_FONT * LINE_HEIGHT) + 2 };
}

/**
 * Size of an activity so that its name fits inside at 12px (bpmn-js pads 5px each side and centres
 * the text): two lines in the usual 80px height, or three in 96px so the text stays below the
 * task-type icon in the top-left corner. `minWidth` is what its boundary events need.
 */
export function activitySize(name: string | undefined, minWidth = 100): { width: number; height: number } {
  if (!name) return { width: minWidth, height: 80 };
  const lines = (width: number) => wrapLines(name, 12, width - 16);
  for (let width = minWidth; width <= Math.max(minWidth, 140); width += 20) if (lines(width) <= 2) return { width, height: 80 };
  for (let width = minWidth; width < 300; width += 20) if (lines(width) <= 3) return { width, height: 96 };
  return { width: Math.max(minWidth, 300), height: 96 };
}
