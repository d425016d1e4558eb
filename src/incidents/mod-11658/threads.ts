/** Redis's own threads (not the clients'): whose stacks a crash report and the Threads panel show. */
export const isServerThread = (id: string) =>
  id === 'main' || id.startsWith('workers-') || id.startsWith('search-uv-') || id.startsWith('coord-');
