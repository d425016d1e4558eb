/**
 * The swimlane timeline: lane labels (DOM), the span layer and the overlay
 * (two canvases), the point-of-no-return strip (a third, over the lanes),
 * and the time axis (SVG, d3-axis). One TimeScale (render/timeScale) maps
 * time to x for all of them, compressing the long quiet stretches of the
 * server (render/gaps) into marked bands; d3-zoom (render/panZoom) moves it.
 * The scale lives in a ref and is painted in one animation frame, never
 * through React state. Clicking moves the cursor, hovering describes a
 * span, and command markers can be dragged to a new time. The lanes a tour
 * chapter names are highlighted.
 */
import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import { createPortal } from 'react-dom';
import { axisTop, type AxisScale } from 'd3-axis';
import { select } from 'd3-selection';
import { useApp, cursorTime, outcomeOf } from '../store/appStore';
import { useIncident } from './incident';
import { buildRows, rowAt, rowsHeight, spanAt, stepAtTime, ownerClassBy, type Row } from '../render/geometry';
import { GAP_TICKS, TimeScale, type Gap } from '../render/timeScale';
import { axisTime, durationWords, findGaps, gapLabel } from '../render/gaps';
import { createPanZoom } from '../render/panZoom';
import { warmUpMipmaps } from '../render/mipmap';
import { paintTimeline, type DrawnLabel, type TimelineData } from '../render/timelinePainter';
import { labelShift, placeCard, rowNamed } from '../render/placement';
import { paintOverlay, type OverlayData } from '../render/overlayPainter';
import { setTimelineSource } from './timelineSource';
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
  'Green: no hang reachable from here; amber: some futures hang (darker: more of them); red: every future hangs or the cycle has closed; blank: not sampled (sampling starts just before the first command, where a hang is decided).';
const AXIS_HEIGHT = 28;
/** About one axis tick per this many pixels; a gap gets ticks of its own from GAP_TICKS_PX wide. */
const TICK_PX = 110;
const GAP_TICKS_PX = GAP_TICKS * TICK_PX;

interface Hover {
  x: number;
  y: number;
  /** The pointer in the viewport, where the card goes. */
  clientX: number;
  clientY: number;
  row: Row;
  span: number;
  /** The compressed gap under the pointer, if any. */
  gap: Gap | null;
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
  /** The view: every time <-> x mapping of the timeline goes through it. */
  const scaleRef = useRef<TimeScale>(TimeScale.create(1, [], 800));
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
  const shownRun = useRef<unknown>(null);

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
            maxInFlight: maxOf(run.load.n, 1),
            quiet: new Set(ui.spanKinds.filter((k) => k.quiet).map((k) => k.id)),
            ownerClass: ownerClassBy(new Set(layout.filter((l) => l.group === ui.lockWorkerGroup).map((l) => l.id))),
          }
        : null,
    [run, rows, ui, layout],
  );

  useEffect(() => {
    if (data) markLoaded();
  }, [data]);

  // While the page is idle, get the level-of-detail builders optimised before a big run needs them.
  useEffect(() => {
    const idle = window.requestIdleCallback ?? ((f: () => void) => setTimeout(f, 200));
    idle(() => warmUpMipmaps());
  }, []);

  const endT = run ? Math.max(run.trace.endT, 1e-3) : 1;
  // The quiet stretches of the server's lanes (the incident says which groups are outside it).
  const gaps = useMemo(() => {
    if (!run || !ui.outsideGroups) return [];
    const outside = new Set(ui.outsideGroups);
    const index = new Map(run.trace.lanes.map((id, i) => [id, i]));
    const server = layout.filter((l) => !outside.has(l.group)).map((l) => index.get(l.id));
    return findGaps(
      run.trace,
      server.filter((i): i is number => i !== undefined),
    );
  }, [run, layout, ui]);

  /** What the overlay shows now: the cursor, the commands, the hang, the wait edges. */
  const overlayOf = useCallback(
    (d: TimelineData, hover: OverlayData['hover'], labels: DrawnLabel[]): OverlayData => {
      const s = useApp.getState();
      return {
        trace: d.trace,
        rows,
        cursorT: cursorTime(s),
        hover,
        markers: s.inputs.commands.map((c) => ({ t: c.at, label: c.text })),
        outcome: outcomeOf(s.run),
        edges: s.stateAt?.edges ?? [],
        cycle: s.stateAt?.cycle ?? null,
        labels,
      };
    },
    [rows],
  );

  const paint = useCallback(() => {
    frame.current = null;
    const d = data;
    if (!d || !spansRef.current || !overlayRef.current) return;
    const dpr = window.devicePixelRatio || 1;
    const scale = scaleRef.current;
    const surface = { t0: scale.t0, t1: scale.t1, width: scale.width, height, dpr, scale };
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
        x0: scale.x(d.trace.start[h.span]),
        x1: scale.x(d.trace.end[h.span]),
      };
    }
    paintOverlay(
      overlayRef.current.getContext('2d')!,
      overlayOf(d, hoverBox, labelsRef.current),
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
    recordDraw(performance.now() - start, full, scale.t1 - scale.t0);
  }, [data, height, overlayOf]);

  // The picture to take away: the same painters, at one pixel per CSS pixel, into the SVG export.
  useEffect(() => {
    setTimelineSource(() => {
      const d = data;
      if (!d) return null;
      const scale = scaleRef.current;
      const surface = { t0: scale.t0, t1: scale.t1, width: scale.width, height, dpr: 1, scale };
      const colors = palette.current;
      const s = useApp.getState();
      return {
        width: scale.width,
        height,
        labelWidth: LABEL_WIDTH,
        axisHeight: AXIS_HEIGHT,
        fateHeight: FATE_HEIGHT,
        rows: rows.map((r) => ({ label: r.label, height: r.height })),
        axis: axisRef.current,
        title: `${incident.title} · ${s.inputs.variant}, seed ${s.inputs.seed} · ${formatMs(scale.t0)} to ${formatMs(scale.t1)}`,
        colors: { background: colors.background, text: colors.text, muted: colors.text },
        paint(spans, overlay, fate) {
          const labels = paintTimeline(spans, d, surface, colors);
          paintOverlay(overlay, overlayOf(d, null, labels), surface, colors);
          if (s.fates) paintFates(fate, s.fates, d.trace.endT, { ...surface, height: FATE_HEIGHT }, colors);
        },
      };
    });
    return () => setTimelineSource(null);
  }, [data, height, rows, overlayOf, incident]);

  const schedule = useCallback(
    (what: 'spans' | 'overlay' | 'both') => {
      if (what !== 'overlay') dirty.current.spans = true;
      dirty.current.overlay = true;
      if (frame.current === null) frame.current = requestAnimationFrame(paint);
    },
    [paint],
  );

  // Canvas sizes follow the container and the rows. The container is there before the first run
  // (as the placeholder), so its width is read while the page is light; after that the observer
  // reports it once layout is done, and a big run's arrival forces no layout of the whole page.
  const hasRun = run !== null;
  const measured = useRef(false);
  useEffect(() => {
    const el = containerRef.current;
    if (!el) return;
    const measure = () => setWidth(Math.max(200, el.clientWidth - LABEL_WIDTH - 2));
    if (!measured.current) {
      measured.current = true;
      measure();
    }
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
    const scale = scaleRef.current;
    // d3-axis reads a scale through these four: the TimeScale behind them decides every position.
    const axisScale: AxisScale<number> = Object.assign((t: number) => scale.x(t), {
      domain: () => [scale.t0, scale.t1],
      range: () => [0, width],
      copy: () => axisScale,
    });
    const svg = select(axisRef.current);
    svg
      .select<SVGGElement>('g.axis')
      .call(
        axisTop(axisScale)
          .tickValues(scale.ticks(TICK_PX))
          .tickFormat((d) => axisTime(Number(d))),
      )
      .selectAll<SVGTextElement, number>('.tick text')
      .each(function (d) {
        // The end labels would hang half outside the axis: slide them in.
        const text = this.textContent ?? '';
        let w = tickWidths.current.get(text);
        if (w === undefined) tickWidths.current.set(text, (w = this.getComputedTextLength()));
        this.setAttribute('dx', String(labelShift(scale.x(d), w, width)));
      });
    drawGapMarks(svg.select<SVGGElement>('g.gap-marks'), scale);
    if (cornerRef.current) cornerRef.current.textContent = wallClock(clock, scale.t0).slice(12);
    for (const el of markersRef.current?.querySelectorAll<HTMLElement>('[data-at]') ?? []) {
      el.style.left = `${scale.x(Number(el.dataset.at))}px`;
    }
  }, [width, clock]);

  /** Every view change goes through here: a zoom, a pan, a fit, a key, a link's window. */
  const applyScale = useCallback(
    (next: TimeScale) => {
      scaleRef.current = next;
      fitted.current = next.fitted;
      axisDirty.current = true;
      // A zoom or pan (wheel, drag, keys) moves the span from under a hover card.
      if (hoverRef.current) {
        hoverRef.current = null;
        setHover(null);
      }
      schedule('spans');
      shareView(next.t0, next.t1);
    },
    [schedule],
  );
  const applyRef = useRef(applyScale);
  useEffect(() => {
    applyRef.current = applyScale;
  }, [applyScale]);

  // A new run, a new width or new gaps: a new scale, keeping the window unless the run is new.
  useEffect(() => {
    if (!run) return;
    if (shownRun.current === run) {
      applyScale(scaleRef.current.resized(endT, gaps, width));
      return;
    }
    shownRun.current = run;
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
    const fit = TimeScale.create(endT, gaps, width);
    applyScale(!refit && v && v.t1 > v.t0 ? fit.window(v.t0, v.t1) : fit);
    // The scale is rebuilt for a new run, size or gaps, not for every view change.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [run, width, gaps]);

  // Wheel zooms, drag pans, x only: d3-zoom on the overlay, moving the scale.
  useEffect(() => {
    const canvas = overlayRef.current;
    if (!canvas || !hasRun) return;
    const pz = createPanZoom(canvas, {
      zoom: (f, x) => applyRef.current(scaleRef.current.zoomAt(f, x)),
      pan: (dx) => applyRef.current(scaleRef.current.panBy(dx)),
    });
    return () => pz.destroy();
  }, [hasRun]);

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

  // Fit buttons and keys call in through a tiny event bus on the container.
  useEffect(() => {
    const el = containerRef.current;
    if (!el) return;
    const onFit = (e: Event) => {
      const what = (e as CustomEvent<string>).detail;
      const s = useApp.getState();
      const scale = scaleRef.current;
      if (what === 'run') applyScale(scale.fit());
      else if (what === 'deadlock' && outcomeOf(s.run)) {
        const at = outcomeOf(s.run)!.at;
        applyScale(scale.window(Math.max(0, at - 2), Math.min(endT, at + 1)));
      } else if (what === 'in' || what === 'out') {
        // About the cursor when it is in view, else about the middle.
        const c = scale.x(cursorTime(s));
        applyScale(scale.zoomAt(what === 'in' ? 2 : 0.5, c >= 0 && c <= scale.width ? c : scale.width / 2));
      } else if (what === 'left' || what === 'right') {
        applyScale(scale.panBy(((what === 'left' ? 1 : -1) * scale.width) / 4));
      }
    };
    el.addEventListener('lockstep:fit', onFit);
    return () => el.removeEventListener('lockstep:fit', onFit);
  }, [applyScale, endT]);

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
    const t = scaleRef.current.t(x);
    const at = { x, y, clientX: e.clientX, clientY: e.clientY, gap: scaleRef.current.gapAt(t) };
    if (row && row.kind === 'lane') next = { ...at, row, span: spanAt(run.trace, row.lanes[0], t) };
    else if (row) next = { ...at, row, span: -1 };
    hoverRef.current = next;
    setHover(next);
    schedule('overlay');
  };

  /** A click on the point-of-no-return strip goes to the sample under it. */
  const onFateClick = (e: React.MouseEvent) => {
    const f = useApp.getState().fates;
    if (!f?.length) return;
    const t = scaleRef.current.t(pointer(e).x);
    let i = 0;
    while (i + 1 < f.length && f[i + 1].t <= t) i++;
    useApp.getState().setCursor(f[i].step);
  };

  const onClick = (e: React.MouseEvent) => {
    if (!run || e.defaultPrevented) return;
    const { x, y } = pointer(e);
    const t = scaleRef.current.t(x);
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

  if (!run)
    return (
      <div className="timeline placeholder" ref={containerRef}>
        Simulating…
      </div>
    );
  const cur = useApp.getState();
  const summary =
    `Timeline of ${run.trace.lanes.length} threads over ${formatMs(run.trace.endT)}` +
    (run.verdict
      ? run.verdict.outcome === 'livelock'
        ? `; the endless loop is proved at ${formatMs(run.verdict.at)}`
        : `; the deadlock closes at ${formatMs(run.verdict.at)}`
      : '; no hang') +
    gaps.map((g) => `; the axis is compressed from ${axisTime(g.t0)} to ${axisTime(g.t1)} (${gapLabel(g)})`).join('') +
    `. Cursor at step ${cur.cursor}.`;

  return (
    <div className="timeline" ref={containerRef} style={{ ['--label-width' as string]: `${LABEL_WIDTH}px` }}>
      <div className="timeline-axis-row">
        <div className="timeline-corner" title="Wall clock of the incident at the left edge of the view">
          from <span ref={cornerRef} />
        </div>
        <div className="timeline-axis">
          <CommandMarkers width={width} scale={scaleRef} commands={commands} containerRef={markersRef} />
          <svg ref={axisRef} width={width} height={AXIS_HEIGHT} aria-hidden="true">
            {/* Under the ticks: an opened-up gap has ticks of its own. */}
            <g className="gap-marks" />
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
        {hover.gap && <div className="hover-gap">In a compressed stretch: {gapLabel(hover.gap)}</div>}
      </>
    );
  } else {
    body = (
      <>
        <strong>{hover.row.label}</strong>
        {hover.gap && <div className="hover-gap">In a compressed stretch: {gapLabel(hover.gap)}</div>}
      </>
    );
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
  scale,
  commands,
  containerRef,
}: {
  width: number;
  scale: React.RefObject<TimeScale>;
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
          style={{ left: scale.current.x(c.at) }}
          title={`${c.text} at ${formatMs(c.at)}: drag to move`}
          aria-label={`Scheduled command ${c.text} at ${formatMs(c.at)}`}
          onPointerDown={(e) => {
            e.currentTarget.setPointerCapture(e.pointerId);
            drag.current = { i, x: scale.current.x(c.at) };
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
              const at = Math.max(0, +scale.current.t(d.x).toFixed(3));
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

/** The largest value, at least `floor` (a spread of a long series would overflow the call stack). */
function maxOf(xs: ArrayLike<number>, floor: number): number {
  let m = floor;
  for (let i = 0; i < xs.length; i++) if (xs[i] > m) m = xs[i];
  return m;
}

/** A zig-zag break and the gap's length on the axis, over each band in view. */
function drawGapMarks(g: ReturnType<typeof select<SVGGElement, unknown>>, scale: TimeScale) {
  const zig = (x: number) => {
    let d = `M${x},0`;
    for (let y = 0, k = 0; y < AXIS_HEIGHT; y += 4, k++) d += `L${x + (k % 2 ? 2.5 : -2.5)},${y + 4}`;
    return d;
  };
  g.selectAll<SVGGElement, unknown>('g.gap-mark')
    .data(scale.bands())
    .join((enter) => {
      const m = enter.append('g').attr('class', 'gap-mark');
      m.append('rect').attr('class', 'gap-fill');
      m.append('path').attr('class', 'gap-edge');
      m.append('text').attr('class', 'gap-text');
      return m;
    })
    .each(function (b) {
      const m = select(this);
      const x0 = Math.max(-3, b.x0);
      const x1 = Math.min(scale.width + 3, b.x1);
      m.select('rect')
        .attr('x', x0)
        .attr('width', Math.max(0, x1 - x0))
        .attr('y', 0)
        .attr('height', AXIS_HEIGHT);
      m.select('path').attr('d', zig(b.x0) + zig(b.x1));
      // Its length while it is narrow; once opened up its ticks say where it is (the band itself says what).
      m.select('text')
        .attr('x', (x0 + x1) / 2)
        .attr('y', AXIS_HEIGHT / 2 + 4)
        .text(x1 - x0 < GAP_TICKS_PX ? durationWords(b.gap.t1 - b.gap.t0) : '');
    });
}

let shareTimer: ReturnType<typeof setTimeout> | null = null;
/** The view this timeline last wrote to the store: any other was set elsewhere (a tour, a link). */
let ownView: { t0: number; t1: number } | null = null;
function shareView(t0: number, t1: number) {
  if (shareTimer) clearTimeout(shareTimer);
  shareTimer = setTimeout(() => useApp.getState().setView((ownView = { t0, t1 })), 250);
}
