import { z } from 'zod';
import { lazySchema } from '../../shared/core/lazy-schema';
import { postPlanInput, listQuery } from '../../shared/planning/contract';
import { eventsQuery } from '../../shared/calendar/contract';

/**
 * The route contracts are built on first use (shared/core/lazy-schema.ts) so
 * the plugin's module load does not build a hundred schemas at every boot.
 * What a route accepts and refuses must be the same as with the schema built
 * at once.
 */
const shape = () => z.strictObject({ n: z.number().int().max(3, 'too big'), s: z.string().trim().optional() });

describe('lazySchema', () => {
  it('builds nothing until the schema is used, then builds it once', () => {
    const build = jest.fn(shape);
    const schema = lazySchema(build);
    expect(build).not.toHaveBeenCalled();
    expect(schema.parse({ n: 2, s: ' a ' })).toEqual({ n: 2, s: 'a' });
    schema.safeParse({ n: 9 });
    z.object({ inner: schema }).safeParse({ inner: { n: 1 } });
    expect(build).toHaveBeenCalledTimes(1);
  });

  it.each([{ n: 2 }, { n: 9 }, { n: 1.5, s: 3 }, { n: 1, extra: true }, null, 'text'])(
    'accepts and refuses %j exactly as the schema built at once',
    (input) => {
      const lazy = lazySchema(shape).safeParse(input);
      const eager = shape().safeParse(input);
      expect(lazy.success).toBe(eager.success);
      expect(lazy.data).toEqual(eager.data);
      expect(lazy.error?.issues).toEqual(eager.error?.issues);
    }
  );

  it('composes, derives and reflects like the schema it stands for', () => {
    const schema = lazySchema(shape);
    expect(schema).toBeInstanceOf(z.ZodObject);
    expect(Object.keys(schema.shape)).toEqual(['n', 's']);
    const outer = z.object({ a: schema.optional(), b: schema });
    expect(outer.safeParse({ b: { n: 9 } }).error?.issues.map((issue) => issue.path)).toEqual([['b', 'n']]);
    expect(schema.extend({ t: z.boolean() }).safeParse({ n: 1, t: 'no' }).success).toBe(false);
    expect(z.toJSONSchema(schema)).toEqual(z.toJSONSchema(shape()));
    const choice = lazySchema(() => z.enum(['x', 'y']));
    expect(choice.options).toEqual(['x', 'y']);
  });

  it('the contracts made lazy still refuse what they refused, naming the field', () => {
    const plan = postPlanInput.safeParse({ title: '', media: [{ id: -1 }] });
    expect(plan.error?.issues.map((issue) => issue.path.join('.')).sort()).toEqual(['media.0.id', 'title']);
    expect(listQuery.parse({ page: '2' })).toMatchObject({ page: 2, pageSize: 25, sort: 'scheduledAt' });
    const window = eventsQuery.safeParse({ from: '2027-01-10T00:00:00Z', to: '2027-01-01T00:00:00Z' });
    expect(window.error?.issues.map((issue) => issue.path.join('.'))).toEqual(['to']);
  });
});
