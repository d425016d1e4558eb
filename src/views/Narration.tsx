/**
 * Narration with its glossary terms as buttons: pressing one shows what the
 * word means right there, pressing it again hides it.
 */
import { Fragment, useState, type ReactNode } from 'react';

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The text cut into plain runs and terms, longest term first so "ADMIN job" wins over "job". */
export function splitTerms(text: string, terms: readonly string[]): (string | { term: string })[] {
  if (!terms.length) return [text];
  const sorted = [...terms].sort((a, b) => b.length - a.length);
  const re = new RegExp(`(?<![\\w-])(${sorted.map(escape).join('|')})(?![\\w-])`, 'g');
  const out: (string | { term: string })[] = [];
  let last = 0;
  for (const m of text.matchAll(re)) {
    if (m.index > last) out.push(text.slice(last, m.index));
    out.push({ term: m[1] });
    last = m.index + m[1].length;
  }
  if (last < text.length) out.push(text.slice(last));
  return out;
}

export function Narration({
  paragraphs,
  glossary,
}: {
  paragraphs: readonly string[];
  glossary: Readonly<Record<string, string>>;
}) {
  const [open, setOpen] = useState<string | null>(null);
  const terms = Object.keys(glossary);
  const render = (text: string): ReactNode =>
    splitTerms(text, terms).map((part, i) =>
      typeof part === 'string' ? (
        <Fragment key={i}>{part}</Fragment>
      ) : (
        <button
          key={i}
          type="button"
          className="term"
          aria-expanded={open === part.term}
          onClick={() => setOpen(open === part.term ? null : part.term)}
          title={glossary[part.term]}
        >
          {part.term}
        </button>
      ),
    );
  return (
    <div className="narration">
      {paragraphs.map((p, i) => (
        <p key={i}>{render(p)}</p>
      ))}
      {open && (
        <p className="gloss" role="note">
          <dfn>{open}</dfn>: {glossary[open]}
        </p>
      )}
    </div>
  );
}
