/**
 * The wait-for graph at the cursor: threads and the objects they wait on,
 * edges as the core reports them, the deadlock cycle highlighted, and the
 * core's one-sentence explanation beside it.
 */
import { useApp } from '../store/appStore';
import { useIncident } from './incident';
import type { IncidentUi } from '../incidents/module';
import type { WaitEdge } from '../engine/types';

const W = 420;
const H = 260;

export function layout(nodes: string[], cycle: readonly string[] | null): Map<string, { x: number; y: number }> {
  const pos = new Map<string, { x: number; y: number }>();
  const ring = cycle && cycle.length ? cycle : [];
  const rest = nodes.filter((n) => !ring.includes(n));
  const cx = W / 2;
  const cy = H / 2;
  ring.forEach((n, i) => {
    const a = -Math.PI / 2 + (2 * Math.PI * i) / ring.length;
    pos.set(n, { x: cx + 80 * Math.cos(a), y: cy + 80 * Math.sin(a) });
  });
  rest.forEach((n, i) => {
    const a = -Math.PI / 2 + (2 * Math.PI * (i + 0.5)) / Math.max(1, rest.length);
    const r = ring.length ? 115 : 90;
    pos.set(n, { x: cx + r * 1.55 * Math.cos(a), y: cy + r * Math.sin(a) });
  });
  return pos;
}

const isObject = (ui: IncidentUi, n: string) => ui.isObject?.(n) ?? false;

export function WaitForPanel() {
  const ui = useIncident().ui;
  const st = useApp((s) => s.stateAt);
  const edges: WaitEdge[] = st?.edges ?? [];
  const cycle = st?.cycle ?? null;
  const livelock = useApp((s) => s.run?.verdict?.outcome === 'livelock');
  const nodes = [...new Set(edges.flatMap((e) => [e.from, e.to]))];
  const pos = layout(nodes, cycle);
  const onCycle = (e: WaitEdge) => !!cycle && cycle.includes(e.from) && cycle.includes(e.to);
  return (
    <section className="panel waitfor" aria-labelledby="waitfor-h">
      <h2 id="waitfor-h">Wait-for graph</h2>
      {cycle ? (
        <p className="explanation hung" data-testid="explanation">
          <strong>{livelock ? 'Endless loop.' : 'Deadlock.'}</strong> {st!.explanation}
        </p>
      ) : (
        <p className="explanation">
          {!st
            ? 'Working out who waits for whom at this step…'
            : edges.length
              ? 'No cycle: every wait here can still be released.'
              : 'Nobody is waiting on anybody at this step.'}
        </p>
      )}
      <p className="muted graph-key">Solid: waits for / held by · dashed: waits at a barrier · red: the cycle</p>
      <svg viewBox={`0 0 ${W} ${H}`} role="img" aria-label={describe(edges, cycle)} data-testid="waitfor-graph">
        <defs>
          <ArrowHead id="arrow" fill="var(--muted)" />
          <ArrowHead id="arrow-hot" fill="var(--c-cycle)" />
        </defs>
        {edges.map((e, i) => {
          const a = pos.get(e.from)!;
          const b = pos.get(e.to)!;
          const len = Math.hypot(b.x - a.x, b.y - a.y) || 1;
          const ux = (b.x - a.x) / len;
          const uy = (b.y - a.y) / len;
          const hot = onCycle(e);
          return (
            <g
              key={i}
              className={`edge${hot ? ' hot' : ''} kind-${e.kind.replace(/ /g, '-')}`}
              data-cycle={hot || undefined}
            >
              <line
                x1={a.x + ux * 26}
                y1={a.y + uy * 14}
                x2={b.x - ux * 28}
                y2={b.y - uy * 15}
                markerEnd={hot ? 'url(#arrow-hot)' : 'url(#arrow)'}
              />
              {(hot || edges.length <= 6) && (
                <text x={(a.x + b.x) / 2} y={(a.y + b.y) / 2 - 4} textAnchor="middle">
                  {e.kind}
                </text>
              )}
            </g>
          );
        })}
        {nodes.map((n) => {
          const p = pos.get(n)!;
          const hot = !!cycle?.includes(n);
          return (
            <g
              key={n}
              className={`node ${isObject(ui, n) ? 'object' : 'thread'}${hot ? ' hot' : ''}`}
              transform={`translate(${p.x},${p.y})`}
            >
              {isObject(ui, n) ? <rect x={-30} y={-13} width={60} height={26} rx={4} /> : <ellipse rx={34} ry={14} />}
              <text textAnchor="middle" dy="0.35em">
                {n}
              </text>
            </g>
          );
        })}
      </svg>
    </section>
  );
}

function ArrowHead({ id, fill }: { id: string; fill: string }) {
  return (
    <marker id={id} viewBox="0 0 10 10" refX="10" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse">
      <path d="M 0 0 L 10 5 L 0 10 z" fill={fill} />
    </marker>
  );
}

function describe(edges: readonly WaitEdge[], cycle: readonly string[] | null): string {
  if (!edges.length) return 'Wait-for graph: empty.';
  const list = edges.map((e) => `${e.from} ${e.kind} ${e.to}`).join('; ');
  return cycle ? `Wait-for graph with a deadlock cycle ${cycle.join(', ')}: ${list}.` : `Wait-for graph: ${list}.`;
}
