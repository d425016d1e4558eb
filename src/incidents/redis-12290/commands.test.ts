import { describe, expect, it } from 'vitest';
import { parseCommand } from './commands';
import { renderReply } from './reply';
import { run } from './test-helpers';

const refused = (line: string) => {
  const p = parseCommand(line);
  if (!p.ok || p.command.kind !== 'error') throw new Error(`'${line}' was not refused`);
  return p.command.reply.kind === 'error' ? p.command.reply.value : '';
};

describe('what redis-cli may send', () => {
  it('parses the reproduction\u2019s commands', () => {
    expect(parseCommand('XREADGROUP GROUP test testuser-0 COUNT 1 BLOCK 2000 STREAMS tasks_queue >')).toMatchObject({
      ok: true,
      command: { kind: 'xreadgroup', group: 'test', consumer: 'testuser-0', count: 1, block: 2000, key: 'tasks_queue' },
    });
    expect(parseCommand('XADD tasks_queue MAXLEN 5000 * task_uuid abc')).toMatchObject({
      ok: true,
      command: { kind: 'xadd', key: 'tasks_queue', maxlen: 5000, fields: ['task_uuid', 'abc'] },
    });
    expect(parseCommand('xgroup create tasks_queue test $ MKSTREAM')).toMatchObject({
      ok: true,
      command: { kind: 'xgroupCreate', key: 'tasks_queue', group: 'test', mkstream: true },
    });
    expect(parseCommand('PING')).toMatchObject({ ok: true, command: { kind: 'ping', message: null } });
    expect(parseCommand('XINFO GROUPS tasks_queue')).toMatchObject({ ok: true, command: { kind: 'xinfoGroups' } });
  });

  it('refuses bad input with Redis\u2019s exact errors', () => {
    expect(refused('XADD tasks_queue *')).toBe("ERR wrong number of arguments for 'xadd' command");
    expect(refused('XADD tasks_queue * a b c')).toBe("ERR wrong number of arguments for 'xadd' command");
    expect(refused('XADD tasks_queue MAXLEN x * a b')).toBe('ERR value is not an integer or out of range');
    expect(refused('XADD tasks_queue MAXLEN -1 * a b')).toBe('ERR The MAXLEN argument must be >= 0.');
    expect(refused('XREADGROUP GROUP g c BLOCK x STREAMS s >')).toBe('ERR timeout is not an integer or out of range');
    expect(refused('XREADGROUP GROUP g c BLOCK -1 STREAMS s >')).toBe('ERR timeout is negative');
    expect(refused('XREADGROUP COUNT 1 BLOCK 1 STREAMS s >')).toBe('ERR Missing GROUP option for XREADGROUP');
    expect(refused('XREADGROUP GROUP g c COUNT 1 STREAMS s')).toBe(
      "ERR Unbalanced 'xreadgroup' list of streams: for each stream key an ID or '>' must be specified.",
    );
    expect(refused('XREADGROUP GROUP g c FOO 1 STREAMS s >')).toBe('ERR syntax error');
    expect(refused('XREADGROUP GROUP g c')).toBe("ERR wrong number of arguments for 'xreadgroup' command");
    expect(refused('XLEN')).toBe("ERR wrong number of arguments for 'xlen' command");
    expect(refused('XINFO GROUPS')).toBe("ERR wrong number of arguments for 'xinfo|groups' command");
    expect(refused('XINFO FOO s')).toBe("ERR unknown subcommand 'FOO'. Try XINFO HELP.");
    expect(refused('PING a b')).toBe("ERR wrong number of arguments for 'ping' command");
    expect(refused('FOO bar')).toBe("ERR unknown command 'FOO', with args beginning with: 'bar' ");
  });

  it('keeps client-side problems and unmodelled options on the client', () => {
    expect(parseCommand('PING "abc')).toEqual({ ok: false, clientError: 'Invalid argument(s)' });
    expect(parseCommand('   ')).toMatchObject({ ok: false });
    expect(parseCommand('XADD s 1-1 a b')).toMatchObject({ ok: false });
    expect(parseCommand('XREADGROUP GROUP g c STREAMS s 0')).toMatchObject({ ok: false });
  });

  it('prints replies as redis-cli does, (nil) included', () => {
    expect(renderReply({ kind: 'nil' })).toBe('(nil)');
    expect(
      renderReply({
        kind: 'array',
        items: [
          { kind: 'bulk', value: 'a' },
          { kind: 'array', items: [{ kind: 'nil' }, { kind: 'integer', value: 1 }] },
        ],
      }),
    ).toBe('1) "a"\n2) 1) (nil)\n   2) (integer) 1');
  });
});

describe('replies from a running server (7.0, which never loops)', () => {
  it('answers XLEN, XINFO GROUPS, a NOGROUP read, a second XGROUP CREATE and a timed-out XREADGROUP', () => {
    const { sim, report } = run({
      variant: '7.0',
      until: 1500,
      config: {
        commands: [
          { at: 400, text: 'XLEN tasks_queue' },
          { at: 410, text: 'XREADGROUP GROUP nope me STREAMS tasks_queue >' },
          { at: 420, text: 'XGROUP CREATE tasks_queue test $ MKSTREAM' },
          { at: 430, text: 'XINFO GROUPS missing' },
          { at: 440, text: 'XREADGROUP GROUP test other COUNT 1 BLOCK 10 STREAMS tasks_queue >' },
          { at: 450, text: 'PING hello' },
        ],
      },
    });
    const [xlen, ...rest] = report.replies.map((r) => r.reply);
    // One entry per XADD the feeder had sent before redis-cli sent XLEN (MAXLEN 5000 is far).
    const before = sim.trace.notes.filter(
      (n) => n.kind === 'sent' && n.data.client === 'feeder' && String(n.data.text).startsWith('XADD') && n.t < 400,
    );
    expect(before.length).toBeGreaterThan(1);
    expect(xlen).toBe(`(integer) ${before.length}`);
    expect(rest).toEqual([
      "(error) NOGROUP No such key 'tasks_queue' or consumer group 'nope' in XREADGROUP with GROUP option",
      '(error) BUSYGROUP Consumer Group name already exists',
      '(error) ERR no such key',
      '(nil)',
      '"hello"',
    ]);
  });

  it('trims to MAXLEN', () => {
    const { report } = run({
      variant: '7.0',
      until: 800,
      config: { maxlen: 3, commands: [{ at: 700, text: 'XLEN tasks_queue' }] },
    });
    expect(report.replies[0].reply).toBe('(integer) 3');
  });

  it('gives BUSYGROUP to every subscriber but the first', () => {
    const { sim } = run({ variant: '7.0', until: 400 });
    const replies = sim.trace.notes
      .filter((n) => n.kind === 'groupCreate')
      .map((n) => renderReply(n.data.reply as never));
    expect(replies).toEqual([
      'OK',
      '(error) BUSYGROUP Consumer Group name already exists',
      '(error) BUSYGROUP Consumer Group name already exists',
    ]);
  });
});
