export interface Point {
  x: number;
  y: number;
}

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface ShapeLayout {
  /** The BPMN element the shape draws. */
  element: string;
  bounds: Rect;
  label?: Rect;
  /** Expanded sub-processes draw their content inside. */
  isExpanded?: boolean;
  /** Exclusive gateways show their X marker. */
  isMarkerVisible?: boolean;
}

export interface EdgeLayout {
  element: string;
  waypoints: Point[];
  label?: Rect;
}

export interface ProcessLayout {
  process: string;
  shapes: ShapeLayout[];
  edges: EdgeLayout[];
}
