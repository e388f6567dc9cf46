interface ViewBox {
  x: number;
  y: number;
  width: number;
  height: number;
  scale: number;
}
/** What of a bpmn-js canvas the fit needs. */
export interface ZoomableCanvas {
  zoom(level?: 'fit-viewport' | number, center?: 'auto'): number;
  viewbox(box?: Omit<ViewBox, 'scale'>): ViewBox;
}
export interface ShapeBox {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** Below this scale a task's label cannot be read. */
const MIN_SCALE = 0.75;

/**
 * The whole diagram when it fits readably; otherwise a readable zoom centred on the focus shapes
 * (e.g. where the case stands and the step before it) as far as they fit together, the rest a drag away.
 */
export function fitReadably(canvas: ZoomableCanvas, focus: ShapeBox[]): void {
  canvas.zoom('fit-viewport', 'auto');
  if (canvas.viewbox().scale >= MIN_SCALE || !focus.length) return;
  canvas.zoom(MIN_SCALE);
  const vb = canvas.viewbox();
  type Box = { x0: number; y0: number; x1: number; y1: number };
  let box: Box | null = null;
  for (const f of focus) {
    const next: Box = box
      ? { x0: Math.min(box.x0, f.x), y0: Math.min(box.y0, f.y), x1: Math.max(box.x1, f.x + f.width), y1: Math.max(box.y1, f.y + f.height) }
      : { x0: f.x, y0: f.y, x1: f.x + f.width, y1: f.y + f.height };
    if (box && (next.x1 - next.x0 > vb.width * 0.9 || next.y1 - next.y0 > vb.height * 0.9)) break;
    box = next;
  }
  if (!box) return;
  canvas.viewbox({ x: (box.x0 + box.x1) / 2 - vb.width / 2, y: (box.y0 + box.y1) / 2 - vb.height / 2, width: vb.width, height: vb.height });
}
