/**
 * The span layer's rectangles as pixels: each timeline row becomes one row
 * of device pixels in a buffer (a span fills its columns with its colour),
 * put on a scratch canvas once and stretched onto the row's height with one
 * drawImage per row. A zoomed-out million-span run is then a few thousand
 * array writes and a dozen draws a frame instead of tens of thousands of
 * fillRect calls (their cost, not the arithmetic, bounds the frame).
 * On anything but a real canvas (tests in Node, the SVG export's recording
 * context) the painters draw rectangles.
 */

/** Fills columns [round(x0*dpr), round(x1*dpr)) of `row` (at least one) with `color`, clipped to the buffer. */
export function fillColumns(
  buf: Uint32Array,
  cols: number,
  row: number,
  x0: number,
  x1: number,
  dpr: number,
  color: number,
): void {
  const a = Math.max(0, Math.round(x0 * dpr));
  const b = Math.min(cols, Math.max(a + 1, Math.round(x1 * dpr)));
  if (b > a) buf.fill(color, row * cols + a, row * cols + b);
}

type Scratch = OffscreenCanvas | HTMLCanvasElement;
type ScratchContext = OffscreenCanvasRenderingContext2D | CanvasRenderingContext2D;

let scratch: { canvas: Scratch; ctx: ScratchContext } | null | undefined;

function scratchCanvas(): { canvas: Scratch; ctx: ScratchContext } | null {
  if (scratch !== undefined) return scratch;
  const canvas: Scratch | null =
    typeof OffscreenCanvas !== 'undefined'
      ? new OffscreenCanvas(1, 1)
      : typeof document !== 'undefined'
        ? document.createElement('canvas')
        : null;
  const ctx = (canvas?.getContext('2d', { willReadFrequently: false }) as ScratchContext | null) ?? null;
  scratch = canvas && ctx ? { canvas, ctx } : null;
  return scratch;
}

const colors = new Map<string, number>();

/** A CSS colour as the buffer's 32-bit pixel (the platform's byte order), read back from the canvas once. */
function pixelOf(color: string, s: { canvas: Scratch; ctx: ScratchContext }): number {
  let v = colors.get(color);
  if (v === undefined) {
    s.canvas.width = s.canvas.height = 1;
    s.ctx.clearRect(0, 0, 1, 1);
    s.ctx.fillStyle = color;
    s.ctx.fillRect(0, 0, 1, 1);
    v = new Uint32Array(s.ctx.getImageData(0, 0, 1, 1).data.buffer)[0];
    colors.set(color, v);
  }
  return v;
}

/** One frame's rows of pixels; null from `rowRaster` where no canvas can be made. */
export interface RowRaster {
  /** Fills [x0, x1) (CSS pixels) of row `row` with `color`. */
  fill(row: number, x0: number, x1: number, color: string): void;
  /** Draws row i over `rows[i]` (CSS pixels; the context's transform maps them to device pixels). */
  draw(ctx: CanvasRenderingContext2D, rows: readonly { top: number; height: number }[], width: number): void;
}

let buffer = new Uint32Array(0);

/** Rows of pixels for a frame on `ctx`: null unless it is a real canvas (a recording context, such as the SVG export's, gets rectangles). */
export function rowRaster(ctx: CanvasRenderingContext2D, width: number, rows: number, dpr: number): RowRaster | null {
  if (typeof CanvasRenderingContext2D === 'undefined' || !(ctx instanceof CanvasRenderingContext2D)) return null;
  const s = scratchCanvas();
  if (!s || rows === 0) return null;
  const cols = Math.max(1, Math.ceil(width * dpr));
  if (buffer.length < cols * rows) buffer = new Uint32Array(cols * rows);
  const buf = buffer.subarray(0, cols * rows);
  buf.fill(0);
  return {
    fill: (row, x0, x1, color) => fillColumns(buf, cols, row, x0, x1, dpr, pixelOf(color, s)),
    draw: (ctx, boxes, w) => {
      if (s.canvas.width !== cols || s.canvas.height !== rows) {
        s.canvas.width = cols;
        s.canvas.height = rows;
      }
      s.ctx.putImageData(new ImageData(new Uint8ClampedArray(buf.buffer, 0, cols * rows * 4), cols, rows), 0, 0);
      const smooth = ctx.imageSmoothingEnabled;
      ctx.imageSmoothingEnabled = false;
      boxes.forEach((b, i) => ctx.drawImage(s.canvas, 0, i, cols, 1, 0, b.top, w, b.height));
      ctx.imageSmoothingEnabled = smooth;
    },
  };
}
