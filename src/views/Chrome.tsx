/** The status line (a live region), the legend, the bad-link notice and the shortcuts dialog. */
import { useEffect, useRef } from 'react';
import { useApp } from '../store/appStore';
import { ENGINE_KINDS, prefersDark } from '../render/palette';
import { useIncident } from './incident';

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

/** The incident's span kinds, most telling first (its own order), then the engine's, the lock lane and the cycle. */
export function Legend() {
  const ui = useIncident().ui;
  const dark = prefersDark();
  const lock = Object.values(ui.locks)[0];
  const used = useApp((s) => s.run?.trace.kinds);
  // The engine's own kinds (an endless loop) only where the run has them.
  const engine = ENGINE_KINDS.filter((k) => used?.includes(k.id));
  const kinds = [...ui.spanKinds.filter((k) => !k.quiet), ...engine, ...ui.spanKinds.filter((k) => k.quiet)];
  return (
    <ul className="legend" aria-label="Legend">
      {kinds.map((k) => (
        <li key={k.id}>
          <span className="swatch" style={{ background: dark ? k.dark : k.light }} aria-hidden="true" /> {k.label}
        </li>
      ))}
      {lock && (
        <>
          <li>
            <span className="swatch k-gilMain" aria-hidden="true" /> {lock} lane: owned by main
          </li>
          {ui.lockWorkerGroup && (
            <li>
              <span className="swatch k-gilWorker" aria-hidden="true" /> owned by a{' '}
              {ui.lockWorkerGroup.replace(/s$/, '')}
            </li>
          )}
        </>
      )}
      <li>
        <span className="swatch k-cycle" aria-hidden="true" /> wait-for cycle or endless loop
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

/** A modal `<dialog>` that is open exactly while `open` is. */
export function useModal(open: boolean) {
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const d = ref.current;
    if (!d) return;
    if (open && !d.open) d.showModal();
    if (!open && d.open) d.close();
  }, [open]);
  return ref;
}

export function ShortcutsDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  const ref = useModal(open);
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
