/**
 * Each Redis thread's call stack at the cursor, innermost first, with the
 * real function names; each links to its definition at the commit the variant models.
 */
import { useApp } from '../store/appStore';
import { useIncident } from './incident';
import type { FrameSource } from '../incidents/module';

export function ThreadsPanel() {
  const st = useApp((s) => s.stateAt);
  const stacks = st?.stacks ?? [];
  const ui = useIncident().ui;
  const variant = useApp((s) => s.inputs.variant);
  const interesting = (id: string) => ui.interesting?.(id) ?? true;
  return (
    <section className="panel threads" aria-labelledby="threads-h">
      <h2 id="threads-h">Threads</h2>
      <ul className="stack-list">
        {stacks
          .filter((x) => interesting(x.id))
          .map((x) => (
            <li key={x.id} className={st?.cycle?.includes(x.id) ? 'hot' : undefined}>
              <details open={x.id === 'main' || !!st?.cycle?.includes(x.id)}>
                <summary>
                  <strong>{x.id}</strong> <span className="state">{x.state}</span> <code>{x.frames[0]}</code>
                </summary>
                <ol className="frames">
                  {x.frames.map((f, i) => (
                    <li key={i}>
                      <Frame name={f} source={ui.frameSource?.(f, variant) ?? null} />
                    </li>
                  ))}
                </ol>
              </details>
            </li>
          ))}
      </ul>
      {stacks.some((x) => !interesting(x.id)) && (
        <p className="muted">
          {stacks.filter((x) => !interesting(x.id)).length} idle pool threads not shown (none takes a lock).
        </p>
      )}
    </section>
  );
}

function Frame({ name, source }: { name: string; source: FrameSource | null }) {
  if (!source) return <code>{name}</code>;
  return (
    <a href={source.url} target="_blank" rel="noreferrer" title={source.label}>
      <code>{name}</code>
    </a>
  );
}
