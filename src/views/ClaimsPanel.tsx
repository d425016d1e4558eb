/**
 * Every claim of the incident documents on trial: the claims listed first,
 * then, once the user starts the trial, the runs that judge them in a Web
 * Worker, with progress, and per claim its verdict, why (the runs' numbers),
 * its source, where the model says otherwise, and "Show me": the run that
 * shows it, opened with the cursor at the step. Nothing for incidents without claims.
 */
import { useEffect, useRef, useState } from 'react';
import * as Comlink from 'comlink';
import type { ClaimsApi } from '../worker/claims.worker';
import type { ClaimProgress, ClaimVerdict } from '../incidents/module';
import { useApp } from '../store/appStore';
import { shareOf, type ShareState } from '../url/hash';
import { useIncident } from './incident';
import './claims.css';

/** The page's inputs for a claim's run, cursor at the step that shows it. */
function showShare(v: ClaimVerdict): ShareState | null {
  const s = v.show?.scenario;
  return s && v.show ? shareOf(s, v.show.step) : null;
}

export function ClaimsPanel() {
  const info = useIncident();
  const list = info.ui.claims;
  const open = useApp((s) => s.open);
  const [verdicts, setVerdicts] = useState<Record<string, ClaimVerdict>>({});
  const [progress, setProgress] = useState<ClaimProgress | null>(null);
  const [status, setStatus] = useState('');
  const worker = useRef<Worker | null>(null);

  // A trial still running when the panel goes (another incident) is ended with it.
  useEffect(
    () => () => {
      worker.current?.terminate();
      worker.current = null;
    },
    [],
  );

  if (!list?.length) return null;

  const start = async () => {
    worker.current?.terminate();
    const w = new Worker(new URL('../worker/claims.worker.ts', import.meta.url), { type: 'module' });
    worker.current = w;
    const api = Comlink.wrap<ClaimsApi>(w);
    setVerdicts({});
    setStatus('');
    setProgress({ done: 0, total: list.length, claim: list[0].id, runs: 0 });
    const t0 = performance.now();
    try {
      const onProgress = Comlink.proxy((p: ClaimProgress) => {
        if (worker.current === w) setProgress(p);
      });
      // A worker that fails to load (e.g. a rebuilt page) would otherwise leave the trial waiting for ever.
      const failed = new Promise<never>((_, reject) =>
        w.addEventListener('error', (e) => reject(new Error(e.message || 'the trial worker did not start'))),
      );
      const out = await Promise.race([api.claims(info.id, onProgress), failed]);
      if (worker.current !== w) return;
      setVerdicts(Object.fromEntries(out.map((v) => [v.id, v])));
      const runs = out.reduce((n, v) => n + v.runs, 0);
      setStatus(
        `Done: ${out.length} claims judged by ${runs} runs in ${((performance.now() - t0) / 1000).toFixed(1)} s.`,
      );
    } catch (e) {
      if (worker.current === w) setStatus(`The trial failed: ${(e as Error).message}`);
    } finally {
      if (worker.current === w) {
        w.terminate();
        worker.current = null;
        setProgress(null);
      }
    }
  };

  const cancel = () => {
    worker.current?.terminate();
    worker.current = null;
    setProgress(null);
    setStatus('Cancelled.');
  };

  const running = progress !== null;
  const current = progress && list.find((c) => c.id === progress.claim);

  return (
    <section className="panel claims" aria-labelledby="claims-h">
      <h2 id="claims-h">Claims on trial</h2>
      <p className="muted">
        Each claim of the incident documents, judged by runs of the model performed here, against the incident
        model&apos;s reading of the source.
      </p>
      <div className="claims-actions">
        <button type="button" onClick={() => void start()} disabled={running}>
          Put the claims on trial
        </button>
        <button type="button" onClick={cancel} disabled={!running}>
          Cancel
        </button>
      </div>
      <p className="muted" aria-live="polite" data-testid="claims-progress">
        {progress
          ? `Claim ${Math.min(progress.done + 1, progress.total)} of ${progress.total}${current ? `: ${current.claim}` : ''} (${progress.runs} runs so far)`
          : status}
      </p>
      {running && <progress max={progress.total} value={progress.done} aria-label="Claims judged" />}
      <table className="claims-table">
        <colgroup>
          <col className="col-claim" />
          <col className="col-verdict" />
          <col className="col-why" />
          <col className="col-source" />
          <col className="col-show" />
        </colgroup>
        <thead>
          <tr>
            <th scope="col">Claim</th>
            <th scope="col">Verdict</th>
            <th scope="col">Why</th>
            <th scope="col">Source</th>
            <th scope="col" aria-label="Show me" />
          </tr>
        </thead>
        <tbody>
          {list.map((c) => {
            const v = verdicts[c.id];
            const share = v && showShare(v);
            return (
              <tr key={c.id} data-claim={c.id} data-verdict={v?.verdict ?? 'pending'}>
                <th scope="row">{c.claim}</th>
                <td>
                  <span className={`claim-badge claim-${(v?.verdict ?? 'pending').replace(' ', '-')}`}>
                    {v?.verdict ?? (running ? '…' : 'not yet tried')}
                  </span>
                </td>
                <td className="claim-why">{v?.why ?? ''}</td>
                <td className="claim-source">
                  {c.source}
                  <span className="muted"> · incident-model.md {c.model}</span>
                </td>
                <td>
                  {share && (
                    <button
                      type="button"
                      onClick={() => open(share, null)}
                      aria-label={`Show me: ${c.id} (${share.variant}, seed ${share.seed}, step ${share.cursor})`}
                    >
                      Show me
                    </button>
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </section>
  );
}
