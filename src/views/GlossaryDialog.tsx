/** Every glossary word of the incident on screen, with what it means (from the header, from anywhere). */
import { useModal } from './Chrome';
import { useIncident } from './incident';

export function GlossaryDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  const ref = useModal(open);
  const glossary = useIncident().ui.glossary ?? {};
  return (
    <dialog ref={ref} className="shortcuts glossary" aria-labelledby="glossary-h" onClose={onClose}>
      <h2 id="glossary-h">Glossary</h2>
      <dl>
        {Object.entries(glossary).map(([term, meaning]) => (
          <div key={term}>
            <dt>
              <dfn>{term}</dfn>
            </dt>
            <dd>{meaning}</dd>
          </div>
        ))}
      </dl>
      <button type="button" onClick={onClose} autoFocus>
        Close
      </button>
    </dialog>
  );
}
