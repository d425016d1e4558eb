/**
 * What the Timeline draws, for the export to picture: the Timeline registers
 * how to draw it, the export (views/timelineExport, loaded only when asked)
 * reads it. Kept apart so that the page does not load the SVG writer.
 */
export interface TimelinePicture {
  /** Width of the time area, and the height of the lanes, in CSS pixels. */
  width: number;
  height: number;
  labelWidth: number;
  axisHeight: number;
  fateHeight: number;
  rows: readonly { label: string; height: number }[];
  /** The axis on screen (its ticks and gap marks), copied with the styles it is drawn with. */
  axis: SVGSVGElement | null;
  /** One line above the picture: the incident, the scenario, the window. */
  title: string;
  colors: { background: string; text: string; muted: string };
  /** Draws the lanes, the overlay and the strip with the screen's painters at dpr 1. */
  paint(spans: CanvasRenderingContext2D, overlay: CanvasRenderingContext2D, fate: CanvasRenderingContext2D): void;
}

let source: (() => TimelinePicture | null) | null = null;

/** The Timeline says how to draw what it shows (null when it is gone). */
export function setTimelineSource(f: (() => TimelinePicture | null) | null): void {
  source = f;
}

/** What the Timeline shows now, or null when there is no timeline. */
export function timelineSource(): TimelinePicture | null {
  return source?.() ?? null;
}
