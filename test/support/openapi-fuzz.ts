/**
 * Requests generated from the server's own OpenAPI document: every operation, mostly well-formed
 * but with one thing wrong (a type, a number out of any range, a control character, an unknown
 * field, a bad id, a bad or missing key). Deterministic for a seed: the same seed and the same
 * server answers give the same requests, so a failure replays with FUZZ_SEED.
 */

export interface FuzzRequest {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  url: string;
  headers: Record<string, string>;
  payload?: string;
  /** What was made wrong, for the failure message. */
  mutation: string;
}

interface JsonSchema {
  type?: string | string[];
  enum?: unknown[];
  const?: unknown;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  additionalProperties?: boolean | JsonSchema;
  items?: JsonSchema;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  minLength?: number;
  maxLength?: number;
  minItems?: number;
  maxItems?: number;
  pattern?: string;
  format?: string;
  default?: unknown;
  description?: string;
  $ref?: string;
}

interface Parameter {
  in: 'path' | 'query' | 'header';
  name: string;
  required?: boolean;
  schema: JsonSchema;
}

export interface Operation {
  method: FuzzRequest['method'];
  path: string;
  parameters: Parameter[];
  body?: JsonSchema;
  /** `[]` in the document: no key needed. */
  open: boolean;
}

/** mulberry32: small, fast, good enough to pick mutations; the whole run follows from one seed. */
export class Random {
  private state: number;
  constructor(seed: number) {
    this.state = seed >>> 0;
  }
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }
  int(n: number): number {
    return Math.floor(this.next() * n);
  }
  pick<T>(items: readonly T[]): T {
    return items[this.int(items.length)]!;
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
}

export function operationsOf(doc: {
  paths: Record<
    string,
    Record<string, { parameters?: Parameter[]; requestBody?: unknown; security?: unknown[] }>
  >;
}): Operation[] {
  const operations: Operation[] = [];
  for (const [path, methods] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(methods)) {
      const body = (op.requestBody as { content?: Record<string, { schema: JsonSchema }> } | undefined)
        ?.content?.['application/json']?.schema;
      operations.push({
        method: method.toUpperCase() as FuzzRequest['method'],
        path,
        parameters: op.parameters ?? [],
        body,
        open: Array.isArray(op.security) && op.security.length === 0,
      });
    }
  }
  return operations;
}

/** Strings that break things: controls, NUL, lone surrogates, huge, SQL and path tricks. */
const NASTY_STRINGS = [
  '\u0000',
  'a\u0000b',
  '\u0001\u0002\u001f',
  '\u007f',
  '\ud800',
  'x\udfff',
  '',
  ' ',
  'a'.repeat(10_000),
  "'; DROP TABLE accounts; --",
  '../../etc/passwd',
  '%00',
  '😀'.repeat(50),
  '\u202e\u200b',
  '1e308',
  'NaN',
  '-0',
];

const NASTY_NUMBERS: unknown[] = [
  -1,
  0,
  1.5,
  2 ** 31,
  2 ** 53 + 1,
  1e308,
  -1e308,
  2 ** 63,
  '9223372036854775808',
  '99999999999999999999999',
  Number.MAX_SAFE_INTEGER,
  -Number.MAX_SAFE_INTEGER,
];

const NASTY_AMOUNTS = [
  '-1',
  '0',
  '0.0000001',
  '1e9',
  '999999999999.999999',
  '999999999999',
  '1000000000000',
  '9223372036854.775807',
  '92233720368547758070',
  '1.',
  '.5',
  '00001',
  '١٢',
  ' 1',
  '1,5',
  'Infinity',
];

const WRONG_TYPES: unknown[] = [null, true, 42, -7.5, 'str', [], {}, [1, 'a'], { nested: { deep: [null] } }];

const BAD_IDS = [
  '%00',
  'a%00b',
  '%ZZ',
  '%C0%AF',
  'x'.repeat(65),
  'acct_' + 'a'.repeat(200),
  'ACCT_ABC',
  'nope',
  '0',
  '-1',
  '%2e%2e',
  'acct_nope',
  'hold_nope',
  'lic_nope',
  'evt_nope',
  'bin_nope.pdf',
  "acct_'or'1'='1",
  '%F0%9F%98%80',
  '%0A',
];

/** Ids seen in answers, by prefix (`acct`, `hold`, …), so most requests address things that exist. */
export class IdPool {
  private readonly byPrefix = new Map<string, string[]>();
  add(id: string) {
    const prefix = id.slice(0, id.indexOf('_'));
    const list = this.byPrefix.get(prefix) ?? [];
    if (!list.includes(id)) {
      list.push(id);
      if (list.length > 30) list.shift();
    }
    this.byPrefix.set(prefix, list);
  }
  harvest(value: unknown) {
    if (typeof value === 'string') {
      if (/^[a-z]{2,6}_[0-9a-v]{24}$/.test(value)) this.add(value);
    } else if (Array.isArray(value)) {
      for (const v of value) this.harvest(v);
    } else if (value && typeof value === 'object') {
      for (const v of Object.values(value)) this.harvest(v);
    }
  }
  get(prefix: string): string[] {
    return this.byPrefix.get(prefix) ?? [];
  }
}

export interface FuzzKeys {
  operator: string;
  service: string;
  /** Customer keys with the account each belongs to. */
  customers: { key: string; accountId: string }[];
}

/** Builds one request for `op`: valid in every part but (usually) one. */
export class RequestGenerator {
  private counter = 0;
  constructor(
    private readonly random: Random,
    private readonly pool: IdPool,
    private readonly keys: FuzzKeys,
  ) {}

  build(op: Operation): FuzzRequest {
    const r = this.random;
    const target = r.pick([
      'none',
      'none',
      'none',
      'path',
      'query',
      'header',
      'body',
      'body',
      'body',
      'auth',
      'raw',
    ] as const);
    const mutations: string[] = [];
    // A customer key for the account in the path when there is one, else an operator/service key.
    const customer = r.pick(this.keys.customers);
    let url = op.path;
    for (const p of op.parameters.filter((q) => q.in === 'path')) {
      let value = this.pathValue(p, customer.accountId);
      if (target === 'path' && r.chance(0.7)) {
        value = r.pick(BAD_IDS);
        mutations.push(`path ${p.name}=${value}`);
      } else value = encodeURIComponent(value);
      url = url.replace(`{${p.name}}`, value);
    }
    const query = new URLSearchParams();
    for (const p of op.parameters.filter((q) => q.in === 'query')) {
      if (!p.required && r.chance(0.5)) continue;
      query.set(p.name, String(this.value(p.schema, p.name, 0)));
    }
    if (target === 'query') {
      if (r.chance(0.5) || query.size === 0) {
        query.set(r.pick(['x', 'limit2', '__proto__', 'a\u0000']), r.pick(NASTY_STRINGS.slice(0, 8)));
        mutations.push('unknown query parameter');
      } else {
        const name = r.pick([...query.keys()]);
        query.set(name, String(r.pick([...NASTY_STRINGS, ...NASTY_NUMBERS])));
        mutations.push(`query ${name}`);
      }
    }
    if (query.size > 0) url += `?${query.toString()}`;

    const headers: Record<string, string> = {};
    const auth = this.auth(op, customer.key, target === 'auth', mutations);
    if (auth !== undefined) headers.authorization = auth;
    if (op.method !== 'GET') {
      headers['idempotency-key'] = `fz-${++this.counter}-${r.int(1e9)}`;
      if (target === 'header') {
        const bad = r.pick([null, '', 'k'.repeat(256), 'k\u0000', 'k\u0001x', 'same-key-every-time']);
        if (bad === null) delete headers['idempotency-key'];
        else headers['idempotency-key'] = bad;
        mutations.push(`idempotency-key ${JSON.stringify(bad)?.slice(0, 20)}`);
      }
    }
    let payload: string | undefined;
    if (op.body) {
      headers['content-type'] = 'application/json';
      let body = this.value(op.body, 'body', 0);
      if (target === 'body') body = this.mutate(body, op.body, mutations);
      payload = JSON.stringify(body);
      if (target === 'raw') {
        payload = r.pick([
          '{"a":',
          '[',
          'null',
          '"str"',
          '{"__proto__":{"x":1}}',
          '{"constructor":{"prototype":{"x":1}}}',
          '{"a":1e999999}',
          '\u0000',
          'x'.repeat(70_000),
        ]);
        mutations.push(`raw body ${payload.slice(0, 20)}`);
      }
    } else if (target === 'body' || target === 'raw') {
      headers['content-type'] = 'application/json';
      payload = JSON.stringify(r.pick([{ unexpected: 1 }, { a: '\u0000' }, [], 'x']));
      mutations.push('body on an operation without one');
    }
    return { method: op.method, url, headers, payload, mutation: mutations.join('; ') || 'none' };
  }

  private auth(op: Operation, customerKey: string, mutate: boolean, mutations: string[]): string | undefined {
    const r = this.random;
    if (mutate) {
      const bad = r.pick([
        undefined,
        'Bearer ',
        'Bearer nope',
        'Basic abc',
        `Bearer ${'k'.repeat(300)}`,
        `Bearer ${this.keys.operator}x`,
        `bearer ${this.keys.operator}`,
        `Bearer ${r.pick(this.keys.customers).key}`,
      ]);
      mutations.push(`auth ${bad?.slice(0, 12) ?? 'missing'}`);
      return bad;
    }
    if (op.open) return undefined;
    const key = r.pick([this.keys.operator, this.keys.operator, this.keys.service, customerKey]);
    return `Bearer ${key}`;
  }

  private pathValue(p: Parameter, accountId: string): string {
    const prefix = /^\^([a-z]+)_/.exec(p.schema.pattern ?? '')?.[1];
    if (prefix === 'acct')
      return this.random.chance(0.9) ? accountId : this.random.pick(this.pool.get('acct'));
    if (prefix) {
      const seen = this.pool.get(prefix);
      if (seen.length > 0 && this.random.chance(0.85)) return this.random.pick(seen);
      return `${prefix}_${'0'.repeat(24)}`;
    }
    return String(this.value(p.schema, p.name, 0));
  }

  /** A value the schema accepts, as far as a JSON Schema without semantics can tell. */
  value(schema: JsonSchema, name: string, depth: number): unknown {
    const r = this.random;
    if (schema.const !== undefined) return schema.const;
    if (schema.enum) return r.pick(schema.enum);
    const variants = schema.anyOf ?? schema.oneOf;
    if (variants) return this.value(r.pick(variants.filter((v) => v.type !== 'null')), name, depth);
    if (schema.allOf) return this.value(schema.allOf[0]!, name, depth);
    const type = Array.isArray(schema.type) ? schema.type.find((t) => t !== 'null') : schema.type;
    switch (type) {
      case 'object':
        return this.object(schema, depth);
      case 'array': {
        const n = Math.max(schema.minItems ?? 0, Math.min(schema.maxItems ?? 3, 1 + r.int(2)));
        return Array.from({ length: n }, () => this.value(schema.items ?? {}, name, depth + 1));
      }
      case 'integer':
      case 'number': {
        const min = schema.minimum ?? schema.exclusiveMinimum ?? 0;
        const max = Math.min(schema.maximum ?? min + 100, min + 100);
        const n = min + r.int(Math.max(1, max - min));
        return type === 'integer' ? Math.ceil(n) : n;
      }
      case 'boolean':
        return r.chance(0.5);
      case 'string':
        return this.string(schema, name);
      default:
        return 'x';
    }
  }

  private object(schema: JsonSchema, depth: number): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    const required = new Set(schema.required ?? []);
    for (const [key, inner] of Object.entries(schema.properties ?? {})) {
      if (required.has(key) || (depth < 4 && this.random.chance(0.5)))
        out[key] = this.value(inner, key, depth + 1);
    }
    if (!schema.properties && typeof schema.additionalProperties === 'object' && this.random.chance(0.5)) {
      out.k1 = this.value(schema.additionalProperties, 'k1', depth + 1);
    }
    return out;
  }

  private string(schema: JsonSchema, name: string): string {
    const r = this.random;
    const prefix = /^\^([a-z]+)_/.exec(schema.pattern ?? '')?.[1];
    if (prefix) return r.pick([...this.pool.get(prefix), `${prefix}_${'0'.repeat(24)}`]);
    if (schema.pattern) {
      const candidates = ['rtx-4090', 'a', 'x1', 'tmpl-1', 'SPRING10', 'abc', '0x' + 'a'.repeat(40), 'basic'];
      const re = new RegExp(schema.pattern);
      return candidates.find((c) => re.test(c)) ?? 'a';
    }
    if (schema.format === 'email') return 'fuzz@example.com';
    if (schema.format === 'date-time') return '2026-01-02T00:00:00.000Z';
    if (schema.format === 'uri') return 'https://example.com/hook';
    if (name === 'amount' || schema.description?.includes('decimal')) {
      return r.pick(['1', '0.5', '12.34', '100', '3']);
    }
    if (/date/i.test(name)) return '2026-02-01';
    if (/url/i.test(name)) return 'https://example.com/return';
    const length = Math.max(schema.minLength ?? 1, Math.min(schema.maxLength ?? 12, 8));
    return 'f'.repeat(length);
  }

  /** One thing wrong somewhere in a valid body. */
  private mutate(body: unknown, schema: JsonSchema, mutations: string[]): unknown {
    const r = this.random;
    const paths = leafPaths(body);
    const kind = r.pick(['type', 'number', 'string', 'amount', 'unknown', 'drop', 'whole'] as const);
    if (kind === 'whole' || paths.length === 0) {
      const replacement = r.pick(WRONG_TYPES);
      mutations.push(`body replaced by ${JSON.stringify(replacement)}`);
      return replacement;
    }
    const path = r.pick(paths);
    const copy = structuredClone(body);
    type Node = Record<string | number, unknown>;
    const parent = path.slice(0, -1).reduce<unknown>((o, k) => (o as Node)[k], copy) as Node;
    const last = path[path.length - 1]!;
    const label = path.join('.');
    switch (kind) {
      case 'type':
        parent[last] = r.pick(WRONG_TYPES);
        break;
      case 'number':
        parent[last] = r.pick(NASTY_NUMBERS);
        break;
      case 'string':
        parent[last] = r.pick(NASTY_STRINGS);
        break;
      case 'amount': {
        const amountParent = findAmount(copy);
        if (amountParent) amountParent.amount = r.pick(NASTY_AMOUNTS);
        else parent[last] = r.pick(NASTY_AMOUNTS);
        break;
      }
      case 'unknown':
        if (parent && typeof parent === 'object' && !Array.isArray(parent)) {
          parent[r.pick(['extra', 'id', 'balance', 'role', '__proto__', 'accountId', 'status', 'k\u0000'])] =
            r.pick(WRONG_TYPES);
        }
        break;
      case 'drop':
        if (Array.isArray(parent)) (parent as unknown[]).splice(Number(last), 1);
        else delete parent[last];
        break;
    }
    void schema;
    mutations.push(`body ${kind} at ${label}`);
    return copy;
  }
}

function leafPaths(value: unknown, path: (string | number)[] = []): (string | number)[][] {
  if (Array.isArray(value)) return value.flatMap((v, i) => leafPaths(v, [...path, i]));
  if (value && typeof value === 'object') {
    const entries = Object.entries(value);
    if (entries.length === 0) return path.length ? [path] : [];
    return entries.flatMap(([k, v]) => leafPaths(v, [...path, k]));
  }
  return path.length ? [path] : [];
}

function findAmount(value: unknown): { amount: unknown } | undefined {
  if (Array.isArray(value)) return value.map(findAmount).find(Boolean);
  if (value && typeof value === 'object') {
    if ('amount' in value && typeof (value as { amount: unknown }).amount === 'string') {
      return value as { amount: unknown };
    }
    return Object.values(value).map(findAmount).find(Boolean);
  }
  return undefined;
}
