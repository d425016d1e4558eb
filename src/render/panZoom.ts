/**
 * d3-zoom as a plain factory (as xyflow wraps it in XYPanZoom): it turns
 * wheel, drag and pinch on an element into relative moves, "zoom by f about
 * x" and "pan by dx", and knows nothing of time. The TimeScale owns the
 * view, so a piecewise axis zooms exactly about the pointer; d3's own
 * transform is only a gesture tracker, reset between gestures.
 */
import { select } from 'd3-selection';
import { zoom, zoomIdentity, zoomTransform, type ZoomTransform } from 'd3-zoom';

export interface PanZoomHandlers {
  zoom(f: number, x: number): void;
  pan(dx: number): void;
}

export interface PanZoom {
  destroy(): void;
}

export function createPanZoom(el: Element, on: PanZoomHandlers): PanZoom {
  let last: ZoomTransform = zoomIdentity;
  const z = zoom<Element, unknown>()
    // Wheel zooms, a primary-button drag pans; double-click does not zoom.
    .filter((e: Event) => e.type === 'wheel' || !(e as MouseEvent).button)
    .on('start', () => {
      last = zoomTransform(el);
    })
    .on('zoom', (e: { transform: ZoomTransform }) => {
      const t = e.transform;
      const f = t.k / last.k;
      // d3 keeps the point p fixed: t.x = p - (p - last.x) * f, so p follows from the two transforms.
      if (Math.abs(f - 1) > 1e-12) on.zoom(f, (t.x - f * last.x) / (1 - f));
      else if (t.x !== last.x) on.pan(t.x - last.x);
      last = t;
    })
    .on('end', () => {
      // Between gestures d3's transform restarts at identity (no drift over a long session).
      sel.property('__zoom', zoomIdentity);
      last = zoomIdentity;
    });
  const sel = select(el);
  sel.call(z).on('dblclick.zoom', null);
  return {
    destroy: () => {
      sel.on('.zoom', null);
    },
  };
}
