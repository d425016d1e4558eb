/**
 * Linked lists at the cursor, drawn as SVG: a row of nodes with arrows
 * between them ending at NULL, the `current` and `next` pointers above,
 * states as colours, and what the last step did. Nodes are keyed by id, so
 * a node re-appended at the tail slides there. Screen readers get the list
 * in order as text. Takes its data as props: it reads no store.
 */
import { useId } from 'react';
import { describeList, layoutList, LIST_STATES, STATE_LABELS, type ListStructure } from '../render/structures';
import './structures.css';

export function StructurePanel({ structures }: { structures: readonly ListStructure[] }) {
  const headingId = useId();
  return (
    <section className="panel structures" aria-labelledby={headingId}>
      <h2 id={headingId}>Lists</h2>
      <ul className="ls-legend" aria-label="Node states">
        {LIST_STATES.map((s) => (
          <li key={s}>
            <span className={`ls-swatch ls-${s}`} aria-hidden="true" />
            {STATE_LABELS[s]}
          </li>
        ))}
      </ul>
      {structures.length ? (
        structures.map((s) => <ListView key={s.id} list={s} />)
      ) : (
        <p className="muted">No list is being walked at this step.</p>
      )}
    </section>
  );
}

function ListView({ list }: { list: ListStructure }) {
  const l = layoutList(list);
  const uid = useId().replace(/:/g, '');
  const arrow = `ls-arrow-${uid}`;
  const pointer = `ls-ptr-${uid}`;
  const titleId = `ls-title-${uid}`;
  return (
    <figure className="ls" aria-labelledby={titleId} data-testid={`structure-${list.id}`}>
      <figcaption id={titleId} className="ls-title">
        <strong>{list.title}</strong> <code className="muted">{list.id}</code>
      </figcaption>
      <div className="ls-scroll">
        <svg width={l.width} height={l.height} viewBox={`0 0 ${l.width} ${l.height}`} aria-hidden="true">
          <defs>
            <Head id={arrow} className="ls-head" />
            <Head id={pointer} className="ls-head-ptr" />
          </defs>
          {l.links.map((a) => (
            <line
              key={a.key}
              className="ls-link"
              x1={a.x1}
              y1={a.y1}
              x2={a.x2 - 2}
              y2={a.y2}
              markerEnd={`url(#${arrow})`}
            />
          ))}
          {l.nodes.map((n) => (
            <g key={n.id} className={`ls-node ls-${n.state}`} style={{ transform: `translate(${n.x}px, ${n.y}px)` }}>
              <rect width={n.w} height={n.h} rx={5} />
              <text x={n.w / 2} y={n.h / 2} dy="0.35em" textAnchor="middle">
                {n.label}
              </text>
            </g>
          ))}
          <g className="ls-nil" transform={`translate(${l.nil.x},${l.nil.y})`}>
            <rect width={l.nil.w} height={l.nil.h} rx={5} />
            <text x={l.nil.w / 2} y={l.nil.h / 2} dy="0.35em" textAnchor="middle">
              NULL
            </text>
          </g>
          {l.pointers.map((p) => (
            <g key={p.key} className={`ls-pointer ls-ptr-${p.name}`} style={{ transform: `translateX(${p.x1}px)` }}>
              <text x={0} y={p.labelY} textAnchor="middle">
                {p.name}
              </text>
              <line x1={0} y1={p.y1} x2={0} y2={p.y2} markerEnd={`url(#${pointer})`} />
            </g>
          ))}
        </svg>
      </div>
      {list.caption && (
        <p className="ls-caption" aria-live="polite">
          {list.caption}
        </p>
      )}
      <ol className="sr-only" aria-label={`${list.title}, from the head`}>
        {describeList(list).map((item, i) => (
          <li key={i}>{item}</li>
        ))}
      </ol>
    </figure>
  );
}

function Head({ id, className }: { id: string; className: string }) {
  return (
    <marker id={id} viewBox="0 0 10 10" refX="10" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse">
      <path d="M 0 0 L 10 5 L 0 10 z" className={className} />
    </marker>
  );
}
