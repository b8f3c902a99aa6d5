import fc from 'fast-check';
import { serializerCompiler as zodSerializerCompiler } from 'fastify-type-provider-zod';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { problemSchema } from '../problem.ts';
import { pageOf } from '../routes/common.ts';
import { clockSchema, ticketWithClocksSchema } from '../routes/tickets-presenters.ts';
import { compileFastJson, fastSerializerCompiler } from './response-serializer.ts';

/** A schema description the property test builds Zod schemas and matching values from. */
type Node =
  | { readonly kind: 'string' | 'number' | 'int' | 'boolean' | 'record' }
  | { readonly kind: 'enum'; readonly values: readonly string[] }
  | { readonly kind: 'literal'; readonly value: string | number | boolean }
  | { readonly kind: 'nullable' | 'array' | 'tuple'; readonly inner: Node }
  | {
      readonly kind: 'object';
      readonly fields: readonly { readonly key: string; readonly optional: boolean; readonly node: Node }[];
    };

const { node: nodeArb } = fc.letrec<{ node: Node }>((tie) => ({
  node: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.constantFrom<Node>({ kind: 'string' }, { kind: 'number' }, { kind: 'int' }, { kind: 'boolean' }),
    fc.record({
      kind: fc.constant('enum' as const),
      values: fc.uniqueArray(fc.string({ maxLength: 5 }), { minLength: 1, maxLength: 4 }),
    }),
    fc.record({
      kind: fc.constant('literal' as const),
      value: fc.oneof(fc.string({ maxLength: 5 }), fc.integer(), fc.boolean()),
    }),
    fc.record({ kind: fc.constantFrom('nullable' as const, 'array' as const), inner: tie('node') }),
    fc.record({
      kind: fc.constant('object' as const),
      fields: fc.uniqueArray(
        fc.record({
          key: fc.oneof(fc.constantFrom('id', 'a', 'b', 'due"At', 'ü'), fc.string({ maxLength: 6 })),
          optional: fc.boolean(),
          node: tie('node'),
        }),
        { maxLength: 5, selector: (f) => f.key },
      ),
    }),
    // Outside the compiled subset: the whole schema must stay with Zod, and still answer the same.
    fc.constantFrom<Node>({ kind: 'record' }),
    fc.record({ kind: fc.constant('tuple' as const), inner: tie('node') }),
  ),
}));

function schemaOf(n: Node): z.ZodType {
  switch (n.kind) {
    case 'string':
      return z.string().describe('text');
    case 'number':
      return z.number();
    case 'int':
      return z.number().int();
    case 'boolean':
      return z.boolean();
    case 'record':
      return z.record(z.string(), z.unknown());
    case 'enum':
      return z.enum(n.values as [string, ...string[]]);
    case 'literal':
      return z.literal(n.value);
    case 'nullable':
      return schemaOf(n.inner).nullable();
    case 'array':
      return z.array(schemaOf(n.inner));
    case 'tuple':
      return z.tuple([schemaOf(n.inner), z.string()]);
    case 'object':
      return z.object(
        Object.fromEntries(
          n.fields.map((f) => [f.key, f.optional ? schemaOf(f.node).optional() : schemaOf(f.node)]),
        ),
      );
  }
}

/** Text that exercises JSON escaping: quotes, backslashes, control characters, lone surrogates, long runs. */
const text = fc.oneof(
  fc.string({ maxLength: 10 }),
  fc.string({ unit: 'binary', maxLength: 10 }),
  fc.string({
    unit: fc.constantFrom(
      '"',
      '\\',
      '\u0000',
      '\u001f',
      '\u007f',
      '\ud800',
      '\udc00',
      '😀',
      'é',
      '\u2028',
      'a',
    ),
    maxLength: 80,
  }),
  fc.string({ minLength: 60, maxLength: 70 }),
);

/** Mostly values that fit the schema, sometimes ones that do not (Zod must then have the last word). */
function valueOf(n: Node): fc.Arbitrary<unknown> {
  const wrong = fc.oneof(
    fc.constantFrom(undefined, null, NaN, Infinity, -0, 1.5, 2 ** 53, '', 'x', true, [], {}),
    fc.anything({ maxDepth: 1 }),
  );
  const fitting = ((): fc.Arbitrary<unknown> => {
    switch (n.kind) {
      case 'string':
        return text;
      case 'number':
        return fc.oneof(fc.double(), fc.integer(), fc.constantFrom(-0, 1e21, 5e-324));
      case 'int':
        return fc.oneof(fc.integer(), fc.maxSafeInteger(), fc.constantFrom(-0, Number.MAX_SAFE_INTEGER));
      case 'boolean':
        return fc.boolean();
      case 'record':
        return fc.dictionary(fc.string({ maxLength: 4 }), fc.jsonValue({ maxDepth: 1 }), { maxKeys: 3 });
      case 'enum':
        return fc.constantFrom(...n.values);
      case 'literal':
        return fc.constant(n.value);
      case 'nullable':
        return fc.oneof(fc.constant(null), valueOf(n.inner));
      case 'array':
        return fc.array(valueOf(n.inner), { maxLength: 4 });
      case 'tuple':
        return fc.tuple(valueOf(n.inner), text);
      case 'object':
        return fc
          .tuple(
            fc.tuple(
              ...n.fields.map((f) =>
                fc.tuple(fc.constantFrom('set', 'set', 'undefined', 'absent'), valueOf(f.node)),
              ),
            ),
            fc.dictionary(fc.constantFrom('extra', 'a', 'id', 'zz'), text, { maxKeys: 2 }),
            fc.boolean(),
          )
          .map(([values, extra, extraFirst]) => {
            const own: Record<string, unknown> = {};
            n.fields.forEach((f, i) => {
              const [how, value] = values[i] ?? ['absent', undefined];
              if (how === 'set') own[f.key] = value;
              else if (how === 'undefined') own[f.key] = undefined;
            });
            // Keys out of schema order and unknown keys: Zod writes schema order and drops the unknown ones.
            return extraFirst ? { ...extra, ...own } : { ...own, ...extra };
          });
    }
  })();
  return fc.oneof({ arbitrary: fitting, weight: 6 }, { arbitrary: wrong, weight: 1 });
}

type Outcome = { readonly text: string | undefined } | { readonly threw: string };

function outcome(write: (v: unknown) => string, value: unknown): Outcome {
  try {
    return { text: write(value) };
  } catch (e) {
    return { threw: e instanceof Error ? e.constructor.name : typeof e };
  }
}

const route = (schema: z.ZodType) => ({ schema, method: 'GET', url: '/api/v1/test', httpStatus: '200' });

describe('the compiled response serializer', () => {
  it('writes exactly what the Zod serializer writes, or fails the same way, for any schema and value', () => {
    fc.assert(
      fc.property(
        nodeArb.chain((n) => fc.tuple(fc.constant(n), valueOf(n))),
        ([n, value]) => {
          const schema = schemaOf(n);
          expect(outcome(fastSerializerCompiler(route(schema)), value)).toEqual(
            outcome(zodSerializerCompiler(route(schema)), value),
          );
        },
      ),
      { numRuns: 3_000 },
    );
  });

  it('compiles the ticket list and ticket responses, and leaves schemas with records to Zod', () => {
    expect(compileFastJson(pageOf(ticketWithClocksSchema))).not.toBeNull();
    expect(compileFastJson(ticketWithClocksSchema)).not.toBeNull();
    expect(compileFastJson(z.object({ items: z.array(clockSchema) }))).not.toBeNull();
    expect(compileFastJson(problemSchema)).toBeNull();
    expect(compileFastJson(z.object({ a: z.string() }).strict())).toBeNull();
    expect(compileFastJson(z.string().min(1))).toBeNull();
  });

  it('writes a ticket page as Zod does, and hands a wrong value to Zod, which refuses it', () => {
    const clock = {
      id: 'resolution',
      metric: 'resolution',
      state: 'running',
      durationMs: 28_800_000,
      elapsedMs: 3_600_000,
      pausedMs: 0,
      remainingMs: 25_200_000,
      startedAt: '2026-03-02T08:00:00Z',
      dueAt: '2026-03-03T08:00:00.5Z',
      stoppedAt: null,
      breachedAt: null,
      warnings: [{ fraction: 0.5, at: '2026-03-02T12:00:00Z' }],
      history: [
        {
          type: 'cycle',
          at: '2026-03-02T08:00:00Z',
          durationMs: 1,
          binding: { sla: 's@1', priority: 'P2' },
          stoppedAt: null,
        },
      ],
    };
    const ticket = {
      id: 't1',
      number: 1,
      customerId: 'c1',
      serviceId: null,
      type: 'incident',
      title: 'Drucker "Empfang" druckt nicht\n',
      description: null,
      impact: 'high',
      urgency: null,
      priority: 'P2',
      status: 'new',
      assigneeUserId: null,
      sla: { slaId: 's', version: 1 },
      externalRef: null,
      source: 'api',
      createdAt: '2026-03-02T08:00:00Z',
      updatedAt: '2026-03-02T08:00:00Z',
      resolvedAt: null,
      closedAt: null,
      revision: 1,
      clocks: [clock],
      internalNote: 'never written: not in the schema',
    };
    const schema = pageOf(ticketWithClocksSchema);
    const page = { items: [ticket, { ...ticket, id: 't2', clocks: [] }], total: 2, limit: 50, offset: 0 };
    const fast = fastSerializerCompiler(route(schema));
    const text = fast(page);
    expect(text).toBe(zodSerializerCompiler(route(schema))(page));
    expect(text).not.toContain('internalNote');
    const wrong = { ...page, items: [{ ...ticket, clocks: [{ ...clock, state: 'sleeping' }] }] };
    expect(() => fast(wrong)).toThrow(/Response doesn't match the schema/);
  });
});
