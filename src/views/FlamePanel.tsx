/**
 * A thread's CPU profile as a flame graph (root row on top): hover a frame
 * for its times, click to zoom into it (a breadcrumb goes back), or use the
 * keyboard on the canvas; a table of the drawn frames sits beside it for
 * screen readers; the folded stacks can be copied or downloaded for
 * flamegraph.pl. Takes its profile as a prop: it reads no store.
 */
import { useCallback, useEffect, useMemo, useRef, useState, type KeyboardEvent, type MouseEvent } from 'react';
import { flameAt, flameStep, foldedStacks, layoutFlame, pathTo, resolvePath, type FlameNode } from '../render/flame';
import { paintFlame, readFlameColors, type FlameColors } from '../render/flamePainter';
import './flame.css';

export interface FlamePanelProps {
  /** The thread's profile (buildProfile): its root is the thread. */
  profile: FlameNode;
  title: string;
  /** Called with the frames from below the thread down to the frame zoomed into (empty at the thread). */
  onFocusFrame?: (path: readonly string[], node: FlameNode) => void;
}

const ROW = 18;
const TABLE_ROWS = 300;

const ms = (v: number) => (v === 0 ? '0' : v >= 100 ? v.toFixed(0) : v >= 1 ? v.toFixed(2) : v.toFixed(3));
const pct = (v: number, of: number) => (of > 0 ? `${((100 * v) / of).toFixed(1)}%` : '—');

export function FlamePanel({ profile, title, onFocusFrame }: FlamePanelProps) {
  const wrapRef = useRef<HTMLDivElement>(null);
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const [width, setWidth] = useState(0);
  const [colors, setColors] = useState<FlameColors | null>(null);
  // The zoom is kept as frame names, so it survives a new profile of the same thread.
  const [zoom, setZoom] = useState<readonly string[]>([]);
  const [active, setActive] = useState<FlameNode | null>(null);
  const [tip, setTip] = useState<{ x: number; y: number } | null>(null);
  const [copied, setCopied] = useState<string>('');
  const lastUrl = useRef<string | null>(null);

  const path = useMemo(() => resolvePath(profile, zoom), [profile, zoom]);
  const focus = path[path.length - 1];
  const layout = useMemo(() => layoutFlame(focus, Math.max(1, width), ROW), [focus, width]);
  const activeIndex = active ? layout.rects.findIndex((r) => r.node === active) : -1;
  const activeRect = activeIndex >= 0 ? layout.rects[activeIndex] : null;
  const height = Math.max(1, layout.depth) * ROW;

  useEffect(() => {
    const el = wrapRef.current;
    if (!el) return;
    const measure = () => setWidth(Math.floor(el.clientWidth));
    measure();
    const ro = new ResizeObserver(measure);
    ro.observe(el);
    return () => ro.disconnect();
  }, []);

  // Colours come from the theme's custom properties; a theme change reads them again.
  useEffect(() => {
    const read = () => setColors(readFlameColors(wrapRef.current));
    read();
    const mq = window.matchMedia('(prefers-color-scheme: dark)');
    mq.addEventListener('change', read);
    return () => mq.removeEventListener('change', read);
  }, []);

  useEffect(() => {
    const c = canvasRef.current;
    if (!c || !colors || width <= 0) return;
    const dpr = window.devicePixelRatio || 1;
    c.width = Math.round(width * dpr);
    c.height = Math.round(height * dpr);
    c.style.width = `${width}px`;
    c.style.height = `${height}px`;
    paintFlame(c.getContext('2d')!, layout, { width, height, dpr }, colors, activeRect?.node ?? null);
  }, [layout, width, height, colors, activeRect]);

  useEffect(
    () => () => {
      if (lastUrl.current) URL.revokeObjectURL(lastUrl.current);
    },
    [],
  );

  const zoomTo = useCallback(
    (names: readonly string[]) => {
      const p = resolvePath(profile, names);
      const kept = p.slice(1).map((n) => n.name);
      setZoom(kept);
      setActive(p[p.length - 1]);
      setTip(null);
      onFocusFrame?.(kept, p[p.length - 1]);
    },
    [profile, onFocusFrame],
  );
  const zoomInto = (node: FlameNode) => {
    const p = pathTo(focus, node);
    if (p) zoomTo([...zoom, ...p.slice(1).map((n) => n.name)]);
  };

  const onMove = (e: MouseEvent<HTMLCanvasElement>) => {
    const box = e.currentTarget.getBoundingClientRect();
    const x = e.clientX - box.left;
    const y = e.clientY - box.top;
    const i = flameAt(layout, x, y);
    setActive(i >= 0 ? layout.rects[i].node : null);
    setTip(i >= 0 ? { x, y } : null);
  };
  const onClick = (e: MouseEvent<HTMLCanvasElement>) => {
    const box = e.currentTarget.getBoundingClientRect();
    const i = flameAt(layout, e.clientX - box.left, e.clientY - box.top);
    if (i >= 0) zoomInto(layout.rects[i].node);
  };
  const onKey = (e: KeyboardEvent<HTMLCanvasElement>) => {
    const dirs: Record<string, 'up' | 'down' | 'left' | 'right'> = {
      ArrowUp: 'up',
      ArrowDown: 'down',
      ArrowLeft: 'left',
      ArrowRight: 'right',
    };
    let next = activeIndex;
    if (dirs[e.key]) next = flameStep(layout, activeIndex, dirs[e.key]);
    else if (e.key === 'Enter' || e.key === ' ') {
      if (activeRect) zoomInto(activeRect.node);
    } else if (e.key === 'Escape' || e.key === 'Backspace') {
      if (zoom.length) zoomTo(zoom.slice(0, -1));
    } else if (e.key === 'Home') next = layout.rects.length ? 0 : -1;
    else return;
    e.preventDefault();
    e.stopPropagation();
    if (next !== activeIndex && next >= 0) {
      const r = layout.rects[next];
      setActive(r.node);
      setTip({ x: r.x + Math.min(r.w / 2, 40), y: r.depth * ROW + ROW });
    }
  };

  const copy = async () => {
    try {
      await navigator.clipboard.writeText(foldedStacks(profile));
      setCopied('Folded stacks copied.');
    } catch {
      setCopied('The clipboard is not available here: use Download.');
    }
  };
  // The blob is made when the link is followed, so no URL outlives the profile it was made from.
  const download = (e: MouseEvent<HTMLAnchorElement>) => {
    if (lastUrl.current) URL.revokeObjectURL(lastUrl.current);
    lastUrl.current = URL.createObjectURL(new Blob([foldedStacks(profile)], { type: 'text/plain' }));
    e.currentTarget.href = lastUrl.current;
  };

  const threadTotal = profile.total;
  const describe = (n: FlameNode) =>
    `${n.name}: ${ms(n.total)} ms total, ${ms(n.self)} ms self, ${pct(n.total, threadTotal)} of ${profile.name}`;
  const headingId = `flame-h-${profile.name.replace(/[^\w-]/g, '_')}`;

  return (
    <section className="panel flame-panel" aria-labelledby={headingId}>
      <div className="flame-head">
        <h2 id={headingId}>{title}</h2>
        <div className="flame-actions">
          <button type="button" onClick={copy} disabled={!threadTotal}>
            Copy folded stacks
          </button>
          <a href="#" className="flame-download" download={`${profile.name}.folded`} onClick={download}>
            Download folded
          </a>
        </div>
      </div>
      <nav className="flame-crumbs" aria-label="Zoom">
        <ol>
          {path.map((n, i) => (
            <li key={i}>
              <button
                type="button"
                className="flame-crumb"
                aria-current={i === path.length - 1 ? 'location' : undefined}
                onClick={() => zoomTo(zoom.slice(0, i))}
              >
                {i === 0 ? `thread ${n.name}` : n.name}
              </button>
            </li>
          ))}
        </ol>
      </nav>
      <p className="muted flame-summary">
        {threadTotal
          ? `${ms(focus.total)} ms in view (${pct(focus.total, threadTotal)} of ${profile.name})` +
            (layout.dropped ? ` · ${layout.dropped} frames too narrow to draw` : '')
          : `No time on ${profile.name} in this window.`}
      </p>
      <div className="flame-wrap" ref={wrapRef} onMouseLeave={() => setTip(null)}>
        <canvas
          ref={canvasRef}
          tabIndex={0}
          role="application"
          aria-roledescription="flame graph"
          aria-label={`Flame graph of ${profile.name}. Arrow keys move between frames, Enter zooms in, Escape zooms out.`}
          aria-describedby={`${headingId}-live`}
          onMouseMove={onMove}
          onClick={onClick}
          onKeyDown={onKey}
          onBlur={() => setTip(null)}
          onFocus={() => {
            if (!active && layout.rects.length) setActive(layout.rects[0].node);
          }}
          data-testid="flame-canvas"
        />
        {tip && activeRect && (
          <div
            className="flame-tip"
            aria-hidden="true"
            style={{
              left: Math.min(tip.x + 12, Math.max(0, width - 260)),
              top: tip.y + 14,
            }}
          >
            <strong>{activeRect.node.name}</strong>
            <span>
              total {ms(activeRect.node.total)} ms · self {ms(activeRect.node.self)} ms
            </span>
            <span>{pct(activeRect.node.total, threadTotal)} of the thread</span>
          </div>
        )}
      </div>
      <p className="sr-only" id={`${headingId}-live`} aria-live="polite">
        {activeRect ? describe(activeRect.node) : ''}
      </p>
      <p className="sr-only" aria-live="polite">
        {copied}
      </p>
      <details className="flame-table">
        <summary>Frames as a table</summary>
        <table>
          <caption className="sr-only">
            Frames of {focus.name}, outermost first; a frame's callees follow it, indented.
          </caption>
          <thead>
            <tr>
              <th scope="col">Frame</th>
              <th scope="col">Total ms</th>
              <th scope="col">Self ms</th>
              <th scope="col">Of thread</th>
            </tr>
          </thead>
          <tbody>
            {layout.rects.slice(0, TABLE_ROWS).map((r, i) => (
              <tr key={i}>
                <th scope="row" style={{ paddingLeft: `${0.3 + r.depth * 0.8}em` }}>
                  <button
                    type="button"
                    className="flame-frame"
                    onClick={() => zoomInto(r.node)}
                    title="Zoom into this frame"
                  >
                    {r.node.name}
                  </button>
                </th>
                <td>{ms(r.node.total)}</td>
                <td>{ms(r.node.self)}</td>
                <td>{pct(r.node.total, threadTotal)}</td>
              </tr>
            ))}
          </tbody>
        </table>
        {layout.rects.length > TABLE_ROWS && (
          <p className="muted">{layout.rects.length - TABLE_ROWS} more frames: zoom in to see them.</p>
        )}
      </details>
    </section>
  );
}
