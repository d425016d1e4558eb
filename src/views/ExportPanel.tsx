/**
 * "Take it away": the loaded run as a Chrome trace (for Perfetto or
 * chrome://tracing), the timeline view as SVG or PNG, the scenario as a
 * script that reproduces it on a real server, and the share link on the
 * clipboard. Owns the buttons and their
 * feedback only: the trace comes from `export/traceEvents`, the script from
 * the incident's light face (`reproScript`). The writers load when a file is
 * asked for, not with the page.
 */
import { currentLink } from './link';
import { useState } from 'react';
import { scenarioFrom, useApp } from '../store/appStore';
import type { ShareState } from '../url/hash';
import { traceFilename } from '../export/traceName';
import { useIncident } from './incident';
import './export.css';

/** Long enough for the browser to have read the file; a long run's trace is large, so let it go then. */
const REVOKE_AFTER_MS = 60_000;

function save(filename: string, parts: BlobPart[], type: string): void {
  const url = URL.createObjectURL(new Blob(parts, { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  a.hidden = true;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), REVOKE_AFTER_MS);
}

export function ExportPanel() {
  const run = useApp((s) => s.run);
  const ready = useApp((s) => s.status === 'ready');
  const inputs = useApp((s) => s.inputs);
  const info = useIncident();
  // The feedback belongs to the scenario it was given for: another scenario, another link.
  const [copied, setCopied] = useState<{ ok: boolean; inputs: ShareState } | null>(null);
  const feedback = copied?.inputs === inputs ? copied : null;

  const [lock] = Object.entries(info.ui.locks).map(([id, label]) => ({ id, label }));
  const lockLabel = lock?.label;

  const downloadTrace = async () => {
    if (!run) return;
    const { traceDocument, traceJsonParts } = await import('../export/traceEvents');
    const doc = traceDocument({
      trace: run.trace,
      log: run.log,
      commands: inputs.commands,
      replies: run.report.replies,
      pid: info.ui.clock(inputs.settings).pid,
      kindLabels: Object.fromEntries(info.ui.spanKinds.map((k) => [k.id, k.label])),
      lock,
      order: info.ui.lanes(run.trace.lanes).map((l) => l.id),
      meta: { incident: inputs.incident, variant: inputs.variant, seed: inputs.seed, link: currentLink() },
    });
    save(traceFilename(inputs.incident, inputs.variant, inputs.seed), traceJsonParts(doc), 'application/json');
  };

  const downloadRepro = () => {
    const script = info.reproScript?.(scenarioFrom(inputs), ready && run ? run.report : undefined);
    if (script) save(script.filename, [script.text], 'text/x-python');
  };

  // The picture's name says what it shows, as the trace's does.
  const pictureName = (ext: string) =>
    traceFilename(inputs.incident, inputs.variant, inputs.seed).replace(/\.json$/, `-timeline.${ext}`);
  const downloadSvg = async () => {
    const { timelineSvg } = await import('./timelineExport');
    const svg = timelineSvg();
    if (svg) save(pictureName('svg'), [svg], 'image/svg+xml');
  };
  const downloadPng = async () => {
    const { timelinePng } = await import('./timelineExport');
    const png = await timelinePng();
    if (png) save(pictureName('png'), [png], 'image/png');
  };

  const copyLink = async () => {
    const at = inputs;
    try {
      await navigator.clipboard.writeText(currentLink());
      setCopied({ ok: true, inputs: at });
    } catch {
      // No clipboard (an insecure page, a denied permission): the address bar still has the link.
      setCopied({ ok: false, inputs: at });
    }
  };

  return (
    <section className="panel export" aria-labelledby="export-h">
      <h2 id="export-h">Take it away</h2>
      <div className="export-item">
        <button type="button" onClick={downloadTrace} disabled={!ready || !run}>
          Download trace (JSON)
        </button>
        <p className="hint muted">
          Every thread, span, {lockLabel ? `${lockLabel} hand-off ` : ''}and log line, for{' '}
          <a href="https://ui.perfetto.dev" target="_blank" rel="noreferrer">
            Perfetto
          </a>{' '}
          or chrome://tracing.
        </p>
      </div>
      <div className="export-item">
        <span className="export-pair">
          <button type="button" onClick={downloadSvg} disabled={!ready || !run}>
            Download timeline (SVG)
          </button>
          <button type="button" onClick={downloadPng} disabled={!ready || !run} aria-label="Download timeline (PNG)">
            PNG
          </button>
        </span>
        <p className="hint muted">The timeline as it is on screen: its window, lanes, cursor and strip.</p>
      </div>
      {info.reproScript && (
        <div className="export-item">
          <button type="button" onClick={downloadRepro}>
            Download reproduction script
          </button>
          <p className="hint muted">This scenario as a Python script to run against a real server.</p>
        </div>
      )}
      <div className="export-item">
        <button type="button" onClick={copyLink}>
          Copy link
        </button>
        <p
          className={`hint export-feedback${feedback && !feedback.ok ? ' bad' : ''}`}
          role="status"
          aria-live="polite"
          data-testid="export-feedback"
        >
          {feedback ? (feedback.ok ? 'Link copied' : 'Copy failed: select the address bar') : ''}
        </p>
      </div>
    </section>
  );
}
