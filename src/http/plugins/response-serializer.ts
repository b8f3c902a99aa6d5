// A faster response serializer for routes whose answers are large (the ticket list: 50 tickets with their
// clocks). Checking a page against its Zod schema and then stringifying it cost more than the SQL behind it.
// This compiles the response schema once into code that checks and writes in one pass, for the subset of Zod
// the ticket responses use (objects that strip unknown keys, arrays, strings, finite and safe-integer
// numbers, booleans, enums, literals, nullable, optional). A schema with anything else (records, tuples,
// unions, checks such as min/max, transforms, defaults) keeps Zod's serializer. So does a value the fast path
// would not accept: Zod then sees it, and answers exactly as before, including its error.
// response-serializer.test.ts checks that both write the same bytes.
import type { FastifySerializerCompiler } from 'fastify';
import { serializerCompiler as zodSerializerCompiler } from 'fastify-type-provider-zod';
import type { z } from 'zod';

/** Thrown by the compiled code when a value is not what the schema says; the caller falls back to Zod. */
class Mismatch extends Error {}
const MISMATCH = new Mismatch('value does not match the response schema');

/** Characters JSON.stringify escapes: controls, quote, backslash, and surrogates (lone ones are escaped). */
// eslint-disable-next-line no-control-regex -- control characters are exactly what must be found here
const NEEDS_ESCAPE = /[\u0000-\u001f"\\\ud800-\udfff]/;
/** Shorter strings are checked with NEEDS_ESCAPE and quoted directly; longer ones go to JSON.stringify. */
const SHORT_STRING = 64;

interface SchemaDef {
  readonly type: string;
  readonly checks?: readonly {
    readonly _zod: { readonly def: { readonly check: string; readonly format?: string } };
  }[];
  readonly innerType?: z.ZodType;
  readonly element?: z.ZodType;
  readonly shape?: Readonly<Record<string, z.ZodType>>;
  readonly catchall?: z.ZodType;
  readonly entries?: Readonly<Record<string, string | number>>;
  readonly values?: readonly unknown[];
}

const defOf = (schema: z.ZodType): SchemaDef => (schema as unknown as { _zod: { def: SchemaDef } })._zod.def;

/** The state of one compilation: fresh local names, and the constants (enum texts) the code refers to. */
class Compilation {
  private next = 0;
  readonly constants: unknown[] = [];
  local(): string {
    return `v${this.next++}`;
  }
  constant(value: unknown): string {
    this.constants.push(value);
    return `K[${this.constants.length - 1}]`;
  }
}

/** Code that appends the JSON text of one of `values` to `out`, refusing anything else. */
function oneOf(values: readonly unknown[], x: string, c: Compilation): string | null {
  if (
    !values.every(
      (v) => typeof v === 'string' || (typeof v === 'number' && Number.isFinite(v)) || typeof v === 'boolean',
    )
  ) {
    return null;
  }
  const texts = c.constant(new Map(values.map((v) => [v, JSON.stringify(v)])));
  const t = c.local();
  return `{ const ${t} = ${texts}.get(${x}); if (${t} === undefined) throw M; out += ${t}; }`;
}

function objectCode(shape: Readonly<Record<string, z.ZodType>>, x: string, c: Compilation): string | null {
  const o = c.local();
  const wrote = c.local();
  let code = `{ const ${o} = ${x}; if (typeof ${o} !== 'object' || ${o} === null || Array.isArray(${o})) throw M; out += '{';`;
  // Whether a field was written before this one: known while every earlier field is required.
  let before: 'none' | 'some' | 'unknown' = 'none';
  let flagged = false;
  for (const [key, schema] of Object.entries(shape)) {
    if (key === '__proto__') return null;
    const def = defOf(schema);
    const optional = def.type === 'optional';
    const inner = optional ? def.innerType : schema;
    const v = c.local();
    const valueCode = inner ? emit(inner, v, c) : null;
    if (valueCode === null) return null;
    const name = JSON.stringify(key);
    const prefix =
      before === 'none'
        ? `out += ${JSON.stringify(`${name}:`)};`
        : before === 'some'
          ? `out += ${JSON.stringify(`,${name}:`)};`
          : `out += ${wrote} ? ${JSON.stringify(`,${name}:`)} : ${JSON.stringify(`${name}:`)};`;
    const mark = optional || before === 'unknown' ? `${wrote} = true;` : '';
    if (optional || before === 'unknown') flagged = true;
    // A missing optional key is left out, as Zod and JSON.stringify do; a missing required one fails the
    // value's own type check (no type in the subset accepts undefined).
    code += optional
      ? ` const ${v} = ${o}[${name}]; if (${v} !== undefined) { ${prefix} ${valueCode} ${mark} }`
      : ` const ${v} = ${o}[${name}]; ${prefix} ${valueCode} ${mark}`;
    if (optional) before = before === 'some' ? 'some' : 'unknown';
    else before = 'some';
  }
  if (flagged) code = code.replace(`out += '{';`, `out += '{'; let ${wrote} = false;`);
  return `${code} out += '}'; }`;
}

/** Code that appends the JSON of the value in `x` to `out`, or null when the schema is outside the subset. */
function emit(schema: z.ZodType, x: string, c: Compilation): string | null {
  const def = defOf(schema);
  const checks = def.checks ?? [];
  switch (def.type) {
    case 'string':
      if (checks.length > 0) return null;
      return `if (typeof ${x} !== 'string') throw M; out += ${x}.length < ${SHORT_STRING} && !E.test(${x}) ? '"' + ${x} + '"' : JSON.stringify(${x});`;
    case 'number': {
      if (checks.length === 0)
        return `if (typeof ${x} !== 'number' || !Number.isFinite(${x})) throw M; out += '' + ${x};`;
      const only = checks.length === 1 ? checks[0]?._zod.def : undefined;
      if (only?.check !== 'number_format' || only.format !== 'safeint') return null;
      return `if (typeof ${x} !== 'number' || !Number.isSafeInteger(${x})) throw M; out += '' + ${x};`;
    }
    case 'boolean':
      if (checks.length > 0) return null;
      return `if (${x} === true) out += 'true'; else if (${x} === false) out += 'false'; else throw M;`;
    case 'enum': {
      // Only enums of strings: a TypeScript numeric enum's reverse keys would need Zod's own filtering.
      const values = def.entries ? Object.values(def.entries) : [];
      return checks.length === 0 && values.every((v) => typeof v === 'string') ? oneOf(values, x, c) : null;
    }
    case 'literal':
      return def.values && checks.length === 0 ? oneOf(def.values, x, c) : null;
    case 'nullable': {
      const inner = def.innerType ? emit(def.innerType, x, c) : null;
      return inner === null ? null : `if (${x} === null) out += 'null'; else { ${inner} }`;
    }
    case 'array': {
      if (checks.length > 0 || !def.element) return null;
      const a = c.local();
      const i = c.local();
      const e = c.local();
      const element = emit(def.element, e, c);
      if (element === null) return null;
      return `{ const ${a} = ${x}; if (!Array.isArray(${a})) throw M; out += '['; for (let ${i} = 0; ${i} < ${a}.length; ${i}++) { if (${i} > 0) out += ','; const ${e} = ${a}[${i}]; ${element} } out += ']'; }`;
    }
    case 'object':
      // A catchall (strict, loose, or a schema for the extra keys) changes what Zod accepts or writes.
      return def.shape && def.catchall === undefined && checks.length === 0
        ? objectCode(def.shape, x, c)
        : null;
    default:
      // Optional outside an object (undefined becomes null in arrays), records, tuples, unions, pipes,
      // defaults, dates…: Zod's serializer stays in charge.
      return null;
  }
}

/**
 * Compiles a Zod response schema into a function that writes exactly the JSON Zod's serializer writes, or
 * returns null when the schema is outside the handled subset. The function throws when the value does not
 * fit the schema.
 */
export function compileFastJson(schema: z.ZodType): ((value: unknown) => string) | null {
  const c = new Compilation();
  const code = emit(schema, 'value', c);
  if (code === null) return null;
  // Generated once per route at start-up from our own schemas (key names are JSON-quoted), as
  // fast-json-stringify does: on a 50-ticket page, straight-line code took half the time of closures that
  // walk the schema per value.
  const make = new Function(
    'M',
    'E',
    'K',
    `return function (value) { let out = ''; ${code} return out; };`,
  ) as (m: Mismatch, e: RegExp, k: readonly unknown[]) => (value: unknown) => string;
  return make(MISMATCH, NEEDS_ESCAPE, c.constants);
}

/**
 * A route's `serializerCompiler`: the compiled fast path where the schema allows it, with Zod's serializer
 * behind it for values the fast path refuses and for schemas it does not handle.
 */
export function fastSerializerCompiler<T>(
  route: Parameters<FastifySerializerCompiler<T>>[0],
): (data: unknown) => string {
  // Fastify hands over the response schema of one status; the route's own typing knows it only as T.
  const schema = route.schema as unknown;
  const zod = zodSerializerCompiler({ ...route, schema: schema as z.ZodType });
  const isZod = schema !== null && typeof schema === 'object' && '_zod' in schema;
  const fast = isZod ? compileFastJson(schema as z.ZodType) : null;
  if (fast === null) return zod;
  return (data) => {
    try {
      return fast(data);
    } catch (e) {
      if (e instanceof Mismatch) return zod(data);
      throw e;
    }
  };
}
