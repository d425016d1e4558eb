/**
 * What an operator could have pulled from the server at the cursor, in
 * Redis's own formats (CLIENT LIST, INFO, the threads as ps shows them),
 * computed by the incident from the run; one tab per view.
 */
import { useState } from 'react';
import { useApp } from '../store/appStore';
import './evidence.css';

export function EvidencePanel() {
  const views = useApp((s) => s.stateAt?.evidence);
  const [tab, setTab] = useState(0);
  if (!views?.length) return null;
  const v = views[Math.min(tab, views.length - 1)];
  return (
    <section className="panel evidence" aria-labelledby="evidence-h">
      <h2 id="evidence-h">Evidence at the cursor</h2>
      <div role="tablist" aria-label="Evidence views" className="evidence-tabs">
        {views.map((x, i) => (
          <button
            key={x.id}
            type="button"
            role="tab"
            id={`evidence-tab-${x.id}`}
            aria-selected={i === tab}
            aria-controls="evidence-view"
            tabIndex={i === tab ? 0 : -1}
            onClick={() => setTab(i)}
            onKeyDown={(e) => {
              const d = e.key === 'ArrowRight' ? 1 : e.key === 'ArrowLeft' ? -1 : 0;
              if (!d) return;
              const next = (i + d + views.length) % views.length;
              setTab(next);
              document.getElementById(`evidence-tab-${views[next].id}`)?.focus();
            }}
          >
            {x.title}
          </button>
        ))}
      </div>
      <div role="tabpanel" id="evidence-view" aria-labelledby={`evidence-tab-${v.id}`}>
        <p className="evidence-command">
          <code>&gt; {v.command}</code>
        </p>
        <pre className="evidence-lines" tabIndex={0} aria-label={`${v.title} output`}>
          {v.lines.join('\n') || '(empty)'}
        </pre>
        <p className="muted">{v.note}</p>
      </div>
    </section>
  );
}
