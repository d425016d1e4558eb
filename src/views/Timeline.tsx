/**
 * The swimlane timeline: lane labels (DOM), the span layer and the overlay
 * (two canvases), the point-of-no-return strip (a third, over the lanes),
 * and the time axis (SVG, d3-axis). d3-zoom drives the x
 * scale; the visible window lives in refs and is painted in one animation
 * frame, never through React state. Clicking moves the cursor, hovering
 * describes a span, and command markers can be dragged to a new time. The
 * lanes a tour chapter names are highlighted.
 */
import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import { createPortal } from 'react-dom';
import { axisTop } from 'd3-axis';
import { scaleLinear } from 'd3-scale';
import { select } from 'd3-selection';
import { zoom, zoomIdentity, type ZoomBehavior, type ZoomTransform } from 'd3-zoom';
import { useApp, cursorTime, outcomeOf } from '../store/appStore';
import { useIncident } from './incident';
import {
  buildRows,
  rowAt,
  rowsHeight,
  spanAt,
  stepAtTime,
  ownerClassBy,
  tOf,
  xOf,
  type Row,
  type Viewport,
} from '../render/geometry';
import { paintTimeline, type DrawnLabel, type TimelineData } from '../render/timelinePainter';
import { labelShift, placeCard, rowNamed } from '../render/placement';
import { paintOverlay } from '../render/overlayPainter';
import { paintFates } from '../render/fatePainter';
import { kindLabel, prefersDark, readPalette, type Palette } from '../render/palette';
import { describeSpan, formatMs, waitOfSpan } from './format';
import { markLoaded, recordDraw } from './perf';
import { wallClock } from '../incidents/redis/log';
import { chaptersOf, useTour } from '../store/tourStore';
import { laneMatches } from '../tour/resolve';
import './timeline.css';

const LABEL_WIDTH = 150;
const FATE_HEIGHT = 10;
const FATE_HELP =
  'Green: no hang reachable from here; amber: some futures hang (darker: more of them); red: every future hangs or the cycle has closed.';
const AXIS_HEIGHT = 28;

interface Hover {
  x: number;
  y: number;
  /** The pointer in the viewport, where the card goes. */
  clientX: number;
  clientY: number;
  row: Row;
  span: number;
}

export function Timeline() {
  const run = useApp((s) => s.run);
  const expanded = useApp((s) => s.expanded);
  const toggleGroup = useApp((s) => s.toggleGroup);
  const commands = useApp((s) => s.inputs.commands);
  const containerRef = useRef<HTMLDivElement>(null);
  const spansRef = useRef<HTMLCanvasElement>(null);
  const overlayRef = useRef<HTMLCanvasElement>(null);
  const fateRef = useRef<HTMLCanvasElement>(null);
  const fates = useApp((s) => s.fates);
  const axisRef = useRef<SVGSVGElement>(null);
  const zoomRef = useRef<ZoomBehavior<HTMLCanvasElement, unknown> | null>(null);
  const view = useRef<Viewport>({ t0: 0, t1: 1, width: 800 });
  const palette = useRef<Palette>(readPalette(null));
  const frame = useRef<number | null>(null);
  const dirty = useRef({ spans: true, overlay: true });
  const [width, setWidth] = useState(800);
  const [hover, setHover] = useState<Hover | null>(null);
  const hoverRef = useRef<Hover | null>(null);
  const markersRef = useRef<HTMLDivElement>(null);
  const cornerRef = useRef<HTMLSpanElement>(null);
  const axisDirty = useRef(true);
  const drawAxisRef = useRef<() => void>(() => {});
  const labelsRef = useRef<DrawnLabel[]>([]);
  const tickWidths = useRef(new Map<string, number>());
  /**
   * The refit rule: when a command edit (add, move, remove) changes how long
   * the run is, the new run is shown whole, as Fit run does, provided the view
   * showed the whole old run (`fitted`: the last view change left it unzoomed,
   * i.e. the user has not zoomed or panned by hand, by key or by Fit deadlock
   * since the last fit). A window chosen by hand, or set by someone else (a
   * tour chapter, a share link) since the last run, is kept.
   */
  const fitted = useRef(true);
  const lastRun = useRef<{ endT: number; commands: string; view: unknown } | null>(null);

  const incident = useIncident();
  const ui = incident.ui;
  const settings = useApp((s) => s.inputs.settings);
  const clock = useMemo(() => ui.clock(settings), [ui, settings]);
  const layout = useMemo(() => (run ? ui.lanes(run.trace.lanes) : []), [run, ui]);
  const rows = useMemo(() => {
    if (!run) return [];
    const index = new Map(run.trace.lanes.map((id, i) => [id, i]));
    return buildRows(layout, index, expanded, ui.groups, ui.locks);
  }, [run, expanded, layout, ui]);
  const height = rowsHeight(rows);
  const tourChapter = useTour((s) => s.chapter);
  const tourIncident = useTour((s) => s.incident);
  const named = useMemo(() => {
    const c = tourChapter !== null && tourIncident === incident.id ? chaptersOf(tourIncident)[tourChapter] : undefined;
    const lanes = run?.trace.lanes ?? [];
    return new Set(c?.lanes ? rows.filter((r) => rowNamed(r, c.lanes!, lanes, laneMatches)).map((r) => r.key) : []);
  }, [tourChapter, tourIncident, incident.id, rows, run]);
  const data = useMemo<TimelineData | null>(
    () =>
      run
        ? {
            trace: run.trace,
            rows,
            load: run.load,
            maxInFlight: Math.max(1, ...run.load.n),
            quiet: new Set(ui.spanKinds.filter((k) => k.quiet).map((k) => k.id)),
            ownerClass: ownerClassBy(new Set(layout.filter((l) => l.group === ui.lockWorkerGroup).map((l) => l.id))),
          }
        : null,
    [run, rows, ui, layout],
  );

  useEffect(() => {
    if (data) markLoaded();
  }, [data]);

  const endT = run ? Math.max(run.trace.endT, 1e-3) : 1;
  const baseX = useMemo(() => scaleLinear().domain([0, endT]).range([0, width]), [endT, width]);

  const paint = useCallback(() => {
    frame.current = null;
    const d = data;
    if (!d || !spansRef.current || !overlayRef.current) return;
    const dpr = window.devicePixelRatio || 1;
    const surface = { ...view.current, height, dpr };
    const start = performance.now();
    if (axisDirty.current) {
      axisDirty.current = false;
      drawAxisRef.current();
    }
    const full = dirty.current.spans;
    if (full) {
      labelsRef.current = paintTimeline(spansRef.current.getContext('2d')!, d, surface, palette.current);
      dirty.current.spans = false;
    }
    const s = useApp.getState();
    const h = hoverRef.current;
    let hoverBox = null;
    if (h && h.span >= 0) {
      hoverBox = {
        row: h.row,
        x0: xOf(view.current, d.trace.start[h.span]),
        x1: xOf(view.current, d.trace.end[h.span]),
      };
    }
    paintOverlay(
      overlayRef.current.getContext('2d')!,
      {
        trace: d.trace,
        rows,
        cursorT: cursorTime(s),
        hover: hoverBox,
        markers: s.inputs.commands.map((c) => ({ t: c.at, label: c.text })),
        outcome: outcomeOf(s.run),
        edges: s.stateAt?.edges ?? [],
        cycle: s.stateAt?.cycle ?? null,
        labels: labelsRef.current,
      },
      surface,
      palette.current,
    );
    // The strip is always there (its row must not appear late and push the page down); blank until the band is in.
    if (fateRef.current && !s.fates) {
      const ctx = fateRef.current.getContext('2d')!;
      ctx.clearRect(0, 0, fateRef.current.width, fateRef.current.height);
    } else if (fateRef.current && s.fates)
      paintFates(
        fateRef.current.getContext('2d')!,
        s.fates,
        d.trace.endT,
        { ...surface, height: FATE_HEIGHT },
        palette.current,
      );
    dirty.current.overlay = false;
    recordDraw(performance.now() - start, full, view.current.t1 - view.current.t0);
  }, [data, height, rows]);

  const schedule = useCallback(
    (what: 'spans' | 'overlay' | 'both') => {
      if (what !== 'overlay') dirty.current.spans = true;
      dirty.current.overlay = true;
      if (frame.current === null) frame.current = requestAnimationFrame(paint);
    },
    [paint],
  );

  // Canvas sizes follow the container (which exists once a run is loaded) and the rows.
  const hasRun = run !== null;
  useEffect(() => {
    const el = containerRef.current;
    if (!el) return;
    const measure = () => setWidth(Math.max(200, el.clientWidth - LABEL_WIDTH - 2));
    measure();
    const ro = new ResizeObserver(measure);
    ro.observe(el);
    return () => ro.disconnect();
  }, [hasRun]);

  useEffect(() => {
    const dpr = window.devicePixelRatio || 1;
    for (const c of [spansRef.current, overlayRef.current]) {
      if (!c) continue;
      c.width = Math.round(width * dpr);
      c.height = Math.round(Math.max(1, height) * dpr);
      c.style.width = `${width}px`;
      c.style.height = `${height}px`;
    }
    const strip = fateRef.current;
    if (strip) {
      strip.width = Math.round(width * dpr);
      strip.height = Math.round(FATE_HEIGHT * dpr);
      strip.style.width = `${width}px`;
      strip.style.height = `${FATE_HEIGHT}px`;
    }
    palette.current = readPalette(containerRef.current, ui.spanKinds, prefersDark());
    view.current = { ...view.current, width };
    schedule('both');
  }, [width, height, schedule, fates, ui]);

  // Theme changes repaint with the new palette.
  useEffect(() => {
    const mq = window.matchMedia('(prefers-color-scheme: dark)');
    const on = () => {
      palette.current = readPalette(containerRef.current, ui.spanKinds, prefersDark());
      schedule('both');
    };
    mq.addEventListener('change', on);
    return () => mq.removeEventListener('change', on);
  }, [schedule, ui]);

  // Per-frame view changes touch only the canvases, the axis and the marker handles, never React state.
  const drawAxis = useCallback(() => {
    if (!axisRef.current) return;
    const scale = scaleLinear().domain([view.current.t0, view.current.t1]).range([0, width]);
    select(axisRef.current)
      .select<SVGGElement>('g.axis')
      .call(
        axisTop(scale)
          .ticks(Math.max(2, Math.floor(width / 110)))
          .tickFormat((d) => formatMs(Number(d))),
      )
      .selectAll<SVGTextElement, number>('.tick text')
      .each(function (d) {
        // The end labels would hang half outside the axis: slide them in.
        const text = this.textContent ?? '';
        let w = tickWidths.current.get(text);
        if (w === undefined) tickWidths.current.set(text, (w = this.getComputedTextLength()));
        this.setAttribute('dx', String(labelShift(scale(d), w, width)));
      });
    if (cornerRef.current) cornerRef.current.textContent = wallClock(clock, view.current.t0).slice(12);
    for (const el of markersRef.current?.querySelectorAll<HTMLElement>('[data-at]') ?? []) {
      el.style.left = `${xOf(view.current, Number(el.dataset.at))}px`;
    }
  }, [width, clock]);

  const applyTransform = useCallback(
    (t: ZoomTransform) => {
      const [t0, t1] = t.rescaleX(baseX).domain();
      view.current = { t0, t1, width };
      fitted.current = t.k <= 1 + 1e-9;
      axisDirty.current = true;
      // A zoom or pan (wheel, drag, keys) moves the span from under a hover card.
      if (hoverRef.current) {
        hoverRef.current = null;
        setHover(null);
      }
      schedule('spans');
      shareView(t0, t1);
    },
    [baseX, width, schedule],
  );

  // d3-zoom on the overlay: wheel zooms, drag pans, x only.
  useEffect(() => {
    const canvas = overlayRef.current;
    if (!canvas || !run) return;
    const maxK = Math.max(2, endT / 0.002);
    const z = zoom<HTMLCanvasElement, unknown>()
      .scaleExtent([1, maxK])
      .extent([
        [0, 0],
        [width, Math.max(1, height)],
      ])
      .translateExtent([
        [0, 0],
        [width, Math.max(1, height)],
      ])
      .filter((e: Event) => e.type === 'wheel' || !(e as MouseEvent).button)
      .on('zoom', (e: { transform: ZoomTransform }) => applyTransform(e.transform));
    zoomRef.current = z;
    const sel = select(canvas);
    sel.call(z).on('dblclick.zoom', null);
    const app = useApp.getState();
    const v = app.view;
    const commandsNow = JSON.stringify(app.inputs.commands);
    const prev = lastRun.current;
    // See `fitted`: a command edit that changed the run's length, with the view untouched since.
    const refit =
      prev !== null &&
      fitted.current &&
      prev.commands !== commandsNow &&
      prev.endT !== endT &&
      (v === prev.view || v === ownView);
    lastRun.current = { endT, commands: commandsNow, view: v };
    const initial = !refit && v && v.t1 > v.t0 ? transformFor(v.t0, v.t1, endT, width) : zoomIdentity;
    sel.call(z.transform, initial);
    return () => {
      sel.on('.zoom', null);
    };
    // The zoom is rebuilt for a new run or size, not for every view change.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [run, width, height]);

  // Overlay follows the cursor, the state at it, and the commands.
  useEffect(
    () =>
      useApp.subscribe((s, prev) => {
        if (s.cursor !== prev.cursor || s.stateAt !== prev.stateAt || s.inputs.commands !== prev.inputs.commands) {
          schedule('overlay');
        }
      }),
    [schedule],
  );

  const zoomTo = useCallback(
    (t0: number, t1: number) => {
      const canvas = overlayRef.current;
      if (!canvas || !zoomRef.current) return;
      select(canvas).call(zoomRef.current.transform, transformFor(t0, t1, endT, width));
    },
    [endT, width],
  );

  // Fit buttons and keys call in through a tiny event bus on the container.
  useEffect(() => {
    const el = containerRef.current;
    if (!el) return;
    const onFit = (e: Event) => {
      const what = (e as CustomEvent<string>).detail;
      const s = useApp.getState();
      if (what === 'run') zoomTo(0, endT);
      else if (what === 'deadlock' && outcomeOf(s.run)) {
        const at = outcomeOf(s.run)!.at;
        zoomTo(Math.max(0, at - 2), Math.min(endT, at + 1));
      } else if (what === 'in' || what === 'out') {
        const { t0, t1 } = view.current;
        const c = cursorTime(s);
        const mid = c >= t0 && c <= t1 ? c : (t0 + t1) / 2;
        const f = what === 'in' ? 0.5 : 2;
        zoomTo(Math.max(0, mid - (mid - t0) * f), Math.min(endT, mid + (t1 - mid) * f));
      } else if (what === 'left' || what === 'right') {
        const { t0, t1 } = view.current;
        const d = ((t1 - t0) / 4) * (what === 'left' ? -1 : 1);
        const a = Math.max(0, Math.min(endT - (t1 - t0), t0 + d));
        zoomTo(a, a + (t1 - t0));
      }
    };
    el.addEventListener('lockstep:fit', onFit);
    return () => el.removeEventListener('lockstep:fit', onFit);
  }, [zoomTo, endT]);

  const pointer = (e: React.PointerEvent | React.MouseEvent) => {
    const r = overlayRef.current!.getBoundingClientRect();
    return { x: e.clientX - r.left, y: e.clientY - r.top };
  };

  const onMove = (e: React.PointerEvent) => {
    // While dragging (panning), hovering means nothing: keep React out of the frame.
    if (!run || e.buttons !== 0) return;
    const { x, y } = pointer(e);
    const row = rowAt(rows, y);
    let next: Hover | null = null;
    const at = { x, y, clientX: e.clientX, clientY: e.clientY };
    if (row && row.kind === 'lane') next = { ...at, row, span: spanAt(run.trace, row.lanes[0], tOf(view.current, x)) };
    else if (row) next = { ...at, row, span: -1 };
    hoverRef.current = next;
    setHover(next);
    schedule('overlay');
  };

  /** A click on the point-of-no-return strip goes to the sample under it. */
  const onFateClick = (e: React.MouseEvent) => {
    const f = useApp.getState().fates;
    if (!f?.length) return;
    const t = tOf(view.current, pointer(e).x);
    let i = 0;
    while (i + 1 < f.length && f[i + 1].t <= t) i++;
    useApp.getState().setCursor(f[i].step);
  };

  const onClick = (e: React.MouseEvent) => {
    if (!run || e.defaultPrevented) return;
    const { x, y } = pointer(e);
    const t = tOf(view.current, x);
    const app = useApp.getState();
    app.setCursor(stepAtTime(run.trace, t));
    const row = rowAt(rows, y);
    const span = row && row.kind === 'lane' ? spanAt(run.trace, row.lanes[0], t) : -1;
    app.select(row && span >= 0 ? { actor: row.key, span } : null);
  };

  useEffect(() => {
    drawAxisRef.current = drawAxis;
    drawAxis();
  }, [drawAxis, commands]);

  if (!run) return <div className="timeline placeholder">Simulating…</div>;
  const cur = useApp.getState();
  const summary =
    `Timeline of ${run.trace.lanes.length} threads over ${formatMs(run.trace.endT)}` +
    (run.verdict
      ? run.verdict.outcome === 'livelock'
        ? `; the endless loop is proved at ${formatMs(run.verdict.at)}`
        : `; the deadlock closes at ${formatMs(run.verdict.at)}`
      : '; no hang') +
    `. Cursor at step ${cur.cursor}.`;

  return (
    <div className="timeline" ref={containerRef} style={{ ['--label-width' as string]: `${LABEL_WIDTH}px` }}>
      <div className="timeline-axis-row">
        <div className="timeline-corner" title="Wall clock of the incident at the left edge of the view">
          from <span ref={cornerRef} />
        </div>
        <div className="timeline-axis">
          <CommandMarkers width={width} view={view} commands={commands} containerRef={markersRef} />
          <svg ref={axisRef} width={width} height={AXIS_HEIGHT} aria-hidden="true">
            <g className="axis" transform={`translate(0, ${AXIS_HEIGHT - 1})`} />
          </svg>
        </div>
      </div>
      {
        <div className="timeline-fate-row">
          <div className="timeline-corner fate-label" title={FATE_HELP}>
            point of no return
          </div>
          <canvas
            ref={fateRef}
            className="fate-strip"
            data-testid="fate-strip"
            role="img"
            aria-label={
              fates
                ? `Point of no return along the run (${fates.length} samples). ${FATE_HELP}`
                : 'Point of no return: being worked out'
            }
            onClick={onFateClick}
          />
        </div>
      }
      <div className="timeline-body">
        <ul className="lane-labels" style={{ height }} aria-label="Threads">
          {rows.map((r) => (
            <li
              key={r.key}
              style={{ height: r.height }}
              className={`lane-label lane-${r.kind}${named.has(r.key) ? ' tour-lane' : ''}`}
            >
              {r.kind === 'group' || r.kind === 'clients' ? (
                <button
                  type="button"
                  className="group-toggle"
                  aria-expanded={!!r.expanded}
                  onClick={() => toggleGroup(r.group)}
                  title={
                    r.kind === 'clients' ? 'Queries in flight; expand for one lane per client' : 'Expand the coord pool'
                  }
                >
                  {r.expanded ? '▾' : '▸'} {r.label}
                </button>
              ) : (
                <span>{r.label}</span>
              )}
            </li>
          ))}
        </ul>
        <div className="timeline-canvases" style={{ width, height }}>
          <canvas ref={spansRef} className="spans" aria-hidden="true" />
          <canvas
            ref={overlayRef}
            className="overlay"
            role="img"
            aria-label={summary}
            onPointerMove={onMove}
            onPointerLeave={() => {
              hoverRef.current = null;
              setHover(null);
              schedule('overlay');
            }}
            onClick={onClick}
          />
          {rows
            .filter((r) => named.has(r.key))
            .map((r) => (
              <div key={r.key} className="tour-band" style={{ top: r.y, height: r.height }} aria-hidden="true" />
            ))}
          {hover && <HoverCard hover={hover} />}
        </div>
      </div>
    </div>
  );
}

/** The card over a hovered span, in the viewport's coordinates so no panel edge cuts it. */
function HoverCard({ hover }: { hover: Hover }) {
  const run = useApp((s) => s.run)!;
  const ui = useIncident().ui;
  const ref = useRef<HTMLDivElement>(null);
  // Placed once its size is known, before paint: below the pointer, or above it near the bottom.
  useLayoutEffect(() => {
    const el = ref.current;
    if (!el) return;
    const view = { width: document.documentElement.clientWidth, height: window.innerHeight };
    const at = placeCard(hover.clientX, hover.clientY, { width: el.offsetWidth, height: el.offsetHeight }, view);
    el.style.left = `${at.left}px`;
    el.style.top = `${at.top}px`;
    el.style.visibility = 'visible';
  });
  let body: React.ReactNode;
  if (hover.span >= 0) {
    const d = describeSpan(run.trace, hover.span);
    const wait = waitOfSpan(run.trace, hover.row.key, hover.span, ui.locks);
    body = (
      <>
        <strong>{hover.row.label}</strong>: {kindLabel(ui.spanKinds, run.trace.kinds[run.trace.kind[hover.span]])}
        <div>
          <code>{d.fn}</code> ({d.state})
        </div>
        <div>
          from {formatMs(d.start)} for {formatMs(d.duration)}
        </div>
        {wait && <div>{wait}</div>}
      </>
    );
  } else {
    body = <strong>{hover.row.label}</strong>;
  }
  return createPortal(
    <div className="hover-card" ref={ref} role="tooltip">
      {body}
    </div>,
    document.body,
  );
}

/** A pin pointing down at its time on the axis: a path, not a font glyph (some have no such glyph). */
const PIN = (
  <svg viewBox="0 0 12 14" width="12" height="14" aria-hidden="true" focusable="false">
    <path d="M1.5 1.5h9v6.5L6 12.5 1.5 8z" />
  </svg>
);

/** Scheduled commands as handles in a band above the axis labels; drag one to move it in time. */
function CommandMarkers({
  width,
  view,
  commands,
  containerRef,
}: {
  width: number;
  view: React.RefObject<Viewport>;
  commands: { at: number; text: string }[];
  containerRef: React.RefObject<HTMLDivElement | null>;
}) {
  const update = useApp((s) => s.updateCommand);
  const drag = useRef<{ i: number; x: number } | null>(null);
  return (
    <div className="markers" style={{ width }} ref={containerRef}>
      {commands.map((c, i) => (
        <button
          key={`${i}:${c.at}`}
          type="button"
          className="marker"
          data-at={c.at}
          style={{ left: xOf(view.current, c.at) }}
          title={`${c.text} at ${formatMs(c.at)}: drag to move`}
          aria-label={`Scheduled command ${c.text} at ${formatMs(c.at)}`}
          onPointerDown={(e) => {
            e.currentTarget.setPointerCapture(e.pointerId);
            drag.current = { i, x: xOf(view.current, c.at) };
          }}
          onPointerMove={(e) => {
            if (drag.current?.i !== i) return;
            const r = (e.currentTarget.parentElement as HTMLElement).getBoundingClientRect();
            drag.current.x = Math.max(0, Math.min(width, e.clientX - r.left));
            e.currentTarget.style.left = `${drag.current.x}px`;
          }}
          onPointerUp={() => {
            const d = drag.current;
            drag.current = null;
            if (d?.i === i) {
              const at = Math.max(0, +tOf(view.current, d.x).toFixed(3));
              if (Math.abs(at - c.at) > 1e-9) update(i, { at });
            }
          }}
        >
          {PIN}
        </button>
      ))}
    </div>
  );
}

function transformFor(t0: number, t1: number, endT: number, width: number): ZoomTransform {
  const k = Math.max(1, endT / Math.max(1e-6, t1 - t0));
  return zoomIdentity.scale(k).translate(-(t0 / endT) * width, 0);
}

let shareTimer: ReturnType<typeof setTimeout> | null = null;
/** The view this timeline last wrote to the store: any other was set elsewhere (a tour, a link). */
let ownView: { t0: number; t1: number } | null = null;
function shareView(t0: number, t1: number) {
  if (shareTimer) clearTimeout(shareTimer);
  shareTimer = setTimeout(() => useApp.getState().setView((ownView = { t0, t1 })), 250);
}
