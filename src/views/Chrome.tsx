/** The status line (a live region), the legend, the bad-link notice and the shortcuts dialog. */
import { useEffect, useRef } from 'react';
import { useApp } from '../store/appStore';
import { SPAN_LABELS } from '../render/palette';
import type { SpanKind } from '../engine/types';
import { SPAN_KINDS } from '../engine/packed';
import { KIND_PRIORITY } from '../render/geometry';

export function StatusLine() {
  const announcement = useApp((s) => s.announcement);
  const status = useApp((s) => s.status);
  const error = useApp((s) => s.error);
  return (
    <div className="status-line" role="status" aria-live="polite" data-testid="status">
      {status === 'error' ? `The simulation failed: ${error}` : announcement}
    </div>
  );
}

/** Most telling state first, as the timeline ranks them when they share a pixel. */
const LEGEND: SpanKind[] = [...SPAN_KINDS].sort((a, b) => KIND_PRIORITY[b] - KIND_PRIORITY[a]);

export function Legend() {
  return (
    <ul className="legend" aria-label="Legend">
      {LEGEND.map((k) => (
        <li key={k}>
          <span className={`swatch k-${k}`} aria-hidden="true" /> {SPAN_LABELS[k]}
        </li>
      ))}
      <li>
        <span className="swatch k-gilMain" aria-hidden="true" /> GIL lane: owned by main
      </li>
      <li>
        <span className="swatch k-gilWorker" aria-hidden="true" /> owned by a worker
      </li>
      <li>
        <span className="swatch k-cycle" aria-hidden="true" /> deadlock cycle
      </li>
    </ul>
  );
}

export function Notice() {
  const notice = useApp((s) => s.notice);
  const dismiss = useApp((s) => s.dismissNotice);
  if (!notice) return null;
  return (
    <div className="notice" role="alert">
      <span>{notice}</span>
      <button type="button" onClick={dismiss}>
        Dismiss
      </button>
    </div>
  );
}

export const SHORTCUTS: [string, string][] = [
  ['Space', 'Play / pause'],
  ['→', 'Step'],
  ['←', 'Step back'],
  ['Home', 'Reset to step 0'],
  ['J', 'Jump to the moment the cycle closes'],
  ['+ / −', 'Zoom in / out around the cursor'],
  ['Shift + ← / →', 'Pan'],
  ['F', 'Fit the whole run'],
  ['D', 'Fit the deadlock'],
  ['M', 'Manual stepping on / off'],
  ['?', 'Show these shortcuts'],
];

export function ShortcutsDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const d = ref.current;
    if (!d) return;
    if (open && !d.open) d.showModal();
    if (!open && d.open) d.close();
  }, [open]);
  return (
    <dialog ref={ref} className="shortcuts" aria-labelledby="shortcuts-h" onClose={onClose}>
      <h2 id="shortcuts-h">Keyboard shortcuts</h2>
      <table>
        <tbody>
          {SHORTCUTS.map(([k, what]) => (
            <tr key={k}>
              <th scope="row">
                <kbd>{k}</kbd>
              </th>
              <td>{what}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <button type="button" onClick={onClose} autoFocus>
        Close
      </button>
    </dialog>
  );
}
