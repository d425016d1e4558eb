/** Splits a command line into arguments as `redis-cli` does (quotes, escapes). */
export function tokenize(line: string): string[] | null {
  const out: string[] = [];
  let i = 0;
  while (i < line.length) {
    while (i < line.length && /\s/.test(line[i])) i++;
    if (i >= line.length) break;
    let arg = '';
    const q = line[i];
    if (q === '"' || q === "'") {
      i++;
      let closed = false;
      while (i < line.length) {
        const ch = line[i];
        if (ch === '\\' && q === '"' && i + 1 < line.length) {
          const n = line[i + 1];
          arg += n === 'n' ? '\n' : n === 't' ? '\t' : n;
          i += 2;
        } else if (ch === q) {
          closed = true;
          i++;
          break;
        } else {
          arg += ch;
          i++;
        }
      }
      // A closing quote must be followed by a space or the end (sdssplitargs).
      if (!closed || (i < line.length && !/\s/.test(line[i]))) return null;
    } else {
      while (i < line.length && !/\s/.test(line[i])) arg += line[i++];
    }
    out.push(arg);
  }
  return out;
}
