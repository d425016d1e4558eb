/** A Redis reply as the server sends it (RESP), which redis-cli prints (incidents/redis/reply.ts). */
export type Reply =
  | { kind: 'status'; value: string }
  | { kind: 'error'; value: string }
  | { kind: 'bulk'; value: string }
  | { kind: 'integer'; value: number }
  /** A null bulk or array reply: `(nil)`. */
  | { kind: 'nil' }
  | { kind: 'array'; items: Reply[] };
