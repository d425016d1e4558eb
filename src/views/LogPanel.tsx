/** The Redis log up to the cursor, in Redis's format; clicking a line moves the cursor to it. */
import { useEffect, useRef } from 'react';
import { useApp } from '../store/appStore';
import { upperBound } from '../render/geometry';

export function LogPanel() {
  const run = useApp((s) => s.run);
  const cursor = useApp((s) => s.cursor);
  const setCursor = useApp((s) => s.setCursor);
  const listRef = useRef<HTMLOListElement>(null);
  const lines = run?.log ?? [];
  const steps = lines.map((l) => l.step);
  const visible = upperBound(steps, cursor);
  useEffect(() => {
    const el = listRef.current;
    if (el) el.scrollTop = el.scrollHeight;
  }, [visible]);
  return (
    <section className="panel log" aria-labelledby="log-h">
      <h2 id="log-h">Redis log</h2>
      <ol className="log-lines" ref={listRef} aria-label="Redis log up to the cursor">
        {lines.slice(0, visible).map((l, i) => (
          <li key={i}>
            <button
              type="button"
              className={`log-line level-${l.level}`}
              onClick={() => setCursor(l.step)}
              title="Move the cursor here"
            >
              {l.line}
            </button>
          </li>
        ))}
        {visible === 0 && <li className="muted">Nothing logged yet.</li>}
      </ol>
      {visible < lines.length && <p className="muted">{lines.length - visible} more lines after the cursor.</p>}
    </section>
  );
}
