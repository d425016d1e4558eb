/** Renders a reply the way `redis-cli` prints it. */
import type { Reply } from '../../machines/resp';

export function renderReply(r: Reply, indent = 0): string {
  switch (r.kind) {
    case 'status':
      return r.value;
    case 'error':
      return `(error) ${r.value}`;
    case 'bulk':
      return JSON.stringify(r.value);
    case 'integer':
      return `(integer) ${r.value}`;
    case 'nil':
      return '(nil)';
    case 'array': {
      if (!r.items.length) return '(empty array)';
      const width = String(r.items.length).length;
      return r.items
        .map((item, i) => {
          const label = `${String(i + 1).padStart(width)}) `;
          const body = renderReply(item, indent + label.length);
          return (i === 0 ? '' : ' '.repeat(indent)) + label + body;
        })
        .join('\n');
    }
  }
}
