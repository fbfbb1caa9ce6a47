import { InputError } from '@backstage/errors';
import { z } from 'zod';
import { parseInput } from './parseInput';

const schema = z.object({
  title: z.string().min(1, 'Give it a title'),
  size: z.number().int(),
});

describe('parseInput', () => {
  it('returns the parsed value, with defaults applied', () => {
    const withDefault = z.object({
      scope: z.enum(['mine', 'all']).default('mine'),
    });
    expect(parseInput(withDefault, undefined)).toEqual({ scope: 'mine' });
    expect(parseInput(schema, { title: 'a', size: 2 })).toEqual({
      title: 'a',
      size: 2,
    });
  });

  it('names every bad field in one InputError', () => {
    let error: unknown;
    try {
      parseInput(schema, { title: '', size: 1.5 });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(InputError);
    expect((error as Error).message).toMatch(/^title: Give it a title; size: /);
  });

  it('reports a root-level problem without a path', () => {
    expect(() => parseInput(z.string(), 42)).toThrow(/^Invalid input/);
  });
});
