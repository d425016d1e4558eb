/**
 * A documented run's own page of notes, under the scenario form while that
 * preset is on screen: where it comes from, and where the incident documents
 * disagree about it (each with what the model and the run say).
 */
import { useApp } from '../store/appStore';
import { useIncident } from './incident';
import { activePreset } from './presetMatch';

/** `code` in the notes' words, as code. */
const words = (text: string) =>
  text.split('`').map((part, i) => (i % 2 ? <code key={i}>{part}</code> : <span key={i}>{part}</span>));

export function PresetNotes() {
  const inputs = useApp((s) => s.inputs);
  const info = useIncident();
  const p = activePreset(info.ui.presets, inputs.incident, inputs);
  if (!p?.about && !p?.disagreements?.length) return null;
  return (
    <section className="preset-notes" aria-labelledby="preset-notes-h">
      <h3 id="preset-notes-h">{p.title}</h3>
      {p.about && <p>{words(p.about)}</p>}
      {p.disagreements?.length ? (
        <>
          <h4>Where the documents disagree</h4>
          <ul>
            {p.disagreements.map((d) => (
              <li key={d}>{words(d)}</li>
            ))}
          </ul>
        </>
      ) : null}
    </section>
  );
}
