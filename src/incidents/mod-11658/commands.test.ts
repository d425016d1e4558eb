import { describe, expect, it } from 'vitest';
import { parseCommand, needsLoad } from './commands';
import type { Command } from '../../machines/mod-11658/model';

const command = (line: string): Command => {
  const p = parseCommand(line);
  if (!p.ok) throw new Error(p.clientError);
  return p.command;
};
const errorOf = (line: string) => {
  const c = command(line);
  return c.kind === 'error' && c.reply.kind === 'error' ? c.reply.value : null;
};

describe('the replies of section 8.2, exactly', () => {
  it.each([
    ['FT.CONFIG SET WORKERS 17', 'Number of worker threads cannot exceed 16'],
    ['FT.CONFIG SET WORKERS -1', 'Value is outside acceptable bounds'],
    ['FT.CONFIG SET WORKERS abc', 'Could not convert argument to expected type'],
    ['FT.CONFIG SET WORKERS', 'Expected an argument, but none provided'],
    ['FT.CONFIG SET NOSUCH 1', 'Invalid option'],
    [
      'CONFIG SET search-workers 17',
      "ERR CONFIG SET failed (possibly related to argument 'search-workers') - argument must be between 0 and 16 inclusive",
    ],
    [
      'CONFIG SET search-workers abc',
      "ERR CONFIG SET failed (possibly related to argument 'search-workers') - argument couldn't be parsed into an integer",
    ],
  ])('%s', (line, reply) => {
    expect(errorOf(line)).toBe(reply);
  });

  it('FT.CONFIG errors still print the deprecation warning; CONFIG SET errors do not', () => {
    expect(command('FT.CONFIG SET WORKERS 17')).toMatchObject({ kind: 'error', deprecation: true });
    expect(command('CONFIG SET search-workers 17')).toMatchObject({ kind: 'error', deprecation: false });
  });

  it('extra arguments: the setter runs and the reply is EXCESSARGS', () => {
    expect(command('FT.CONFIG SET WORKERS 0 extra')).toEqual({
      kind: 'configSet',
      via: 'FT.CONFIG',
      value: 0,
      excess: true,
    });
  });

  it('valid settings', () => {
    expect(command('ft.config set workers 0')).toEqual({
      kind: 'configSet',
      via: 'FT.CONFIG',
      value: 0,
      excess: false,
    });
    expect(command('CONFIG SET search-workers 16')).toEqual({
      kind: 'configSet',
      via: 'CONFIG',
      value: 16,
      excess: false,
    });
  });
});

describe("Redis's words for everything else", () => {
  it('unknown command', () => {
    expect(errorOf('FOO bar baz')).toBe("ERR unknown command 'FOO', with args beginning with: 'bar' 'baz' ");
  });
  it('arity', () => {
    expect(errorOf('CONFIG SET search-workers')).toBe("ERR wrong number of arguments for 'config|set' command");
    expect(errorOf('FT.CONFIG SET')).toBe("ERR wrong number of arguments for 'FT.CONFIG' command");
  });
  it('an unknown index', () => {
    expect(errorOf('FT.SEARCH nosuch *')).toBe('nosuch: no such index');
  });
  it('client-side problems never reach the server', () => {
    expect(parseCommand('PING "unterminated')).toEqual({ ok: false, clientError: 'Invalid argument(s)' });
    expect(parseCommand('   ').ok).toBe(false);
  });
});

describe('which queries need the GIL (RPSafeLoader)', () => {
  it.each([
    ['FT.SEARCH', ['*'], true],
    ['FT.SEARCH', ['*', 'NOCONTENT'], false],
    ['FT.AGGREGATE', ['*', 'GROUPBY', '1', '@category', 'REDUCE', 'COUNT', '0'], true],
    ['FT.AGGREGATE', ['*', 'GROUPBY', '1', '@price', 'REDUCE', 'COUNT', '0'], false],
    ['FT.AGGREGATE', ['*', 'LOAD', '1', '@name'], true],
  ] as const)('%s %j -> %s', (verb, args, expected) => {
    expect(needsLoad(verb, args)).toBe(expected);
  });
});
