import { DateTime } from 'luxon';
import { z } from 'zod';

/**
 * Typed parameter builders. A node declares its parameters once with these; the
 * same declaration gives `run` typed, validated values (after expressions are
 * resolved), gives the editor a JSON form description, and documents the node.
 *
 * Shapes mirror n8n's where a node has an n8n equivalent, so imports stay simple.
 */
export type ParamKind =
  | 'string'
  | 'number'
  | 'boolean'
  | 'options'
  | 'multiOptions'
  | 'json'
  | 'code'
  | 'dateTime'
  | 'collection'
  | 'object'
  | 'list'
  | 'notice'
  | 'resource'
  | (string & {});

/** Show/hide rules: keys are sibling parameter names (or `/name` for a top-level one). */
export interface DisplayOptions {
  show?: Record<string, readonly unknown[]>;
  hide?: Record<string, readonly unknown[]>;
}

export interface Choice<V = string> {
  value: V;
  label: string;
  description?: string;
}

export interface ParamOptions<T> {
  label: string;
  description?: string;
  default?: T;
  placeholder?: string;
  required?: boolean;
  displayOptions?: DisplayOptions;
  /** Value is taken literally, never resolved as an expression (code, templates rendered later). */
  noExpression?: boolean;
  /** Editor hint: which widget renders the field. */
  widget?: string;
  hint?: string;
}

export interface FormField {
  name: string;
  kind: ParamKind;
  label: string;
  description?: string;
  default?: unknown;
  placeholder?: string;
  required?: boolean;
  displayOptions?: DisplayOptions;
  noExpression?: boolean;
  widget: string;
  hint?: string;
  options?: Choice<unknown>[];
  fields?: FormField[];
  typeOptions?: Record<string, unknown>;
}

export interface Param<T> {
  readonly kind: ParamKind;
  readonly options: ParamOptions<T>;
  readonly default: T;
  /** Validates (and coerces, where n8n coerces) a resolved value. */
  readonly schema: z.ZodType<T>;
  readonly widget: string;
  readonly choices?: readonly Choice<unknown>[];
  readonly children?: ParamShape;
  readonly typeOptions?: Record<string, unknown>;
}

// biome-ignore lint/suspicious/noExplicitAny: variance sink for heterogeneous parameter maps
export type AnyParam = Param<any>;
export type ParamShape = Record<string, AnyParam>;
export type ParamValue<P> = P extends Param<infer T> ? T : never;
export type ParamsOf<S extends ParamShape> = { [K in keyof S]: ParamValue<S[K]> };

function make<T>(
  kind: ParamKind,
  options: ParamOptions<T>,
  fallback: T,
  schema: z.ZodType<T>,
  extra: {
    widget: string;
    choices?: readonly Choice<unknown>[];
    children?: ParamShape;
    typeOptions?: Record<string, unknown>;
  },
): Param<T> {
  return {
    kind,
    options,
    default: options.default === undefined ? fallback : options.default,
    schema,
    widget: options.widget ?? extra.widget,
    choices: extra.choices,
    children: extra.children,
    typeOptions: extra.typeOptions,
  };
}

const numberLike = z.preprocess((value) => {
  if (typeof value === 'string') {
    const trimmed = value.trim();
    if (trimmed === '') return 0;
    const n = Number(trimmed);
    return Number.isNaN(n) ? value : n;
  }
  return value;
}, z.number());

const booleanLike = z.preprocess((value) => {
  if (value === 'true') return true;
  if (value === 'false') return false;
  return value;
}, z.boolean());

/** Dates from expressions (`$now`, `new Date()`) become ISO text where a string is expected. */
function dateToText(value: unknown): unknown {
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? value : value.toISOString();
  if (DateTime.isDateTime(value)) return value.isValid ? value.toISO() : value;
  return value;
}

const stringLike = z.preprocess((raw) => {
  const value = dateToText(raw);
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (value === null || value === undefined) return '';
  return value;
}, z.string());

export interface StringParamOptions extends ParamOptions<string> {
  rows?: number;
  password?: boolean;
}

export interface NumberParamOptions extends ParamOptions<number> {
  min?: number;
  max?: number;
  integer?: boolean;
}

export interface CodeParamOptions extends ParamOptions<string> {
  language: 'javascript' | 'json' | 'sql' | 'html' | 'python' | 'jinja2' | 'text';
}

/**
 * A value the editor can pick from a list the node's credential serves (the
 * provider's models, …) or type by id. `loadOptions` names the list: the
 * credential type's `listOptions[loadOptions]` produces it on the server.
 */
export interface ResourceParamOptions extends ParamOptions<string> {
  loadOptions: string;
}

/**
 * A resource value as stored: plain text, or the resource-locator shape
 * (`{ mode: 'list' | 'id', value }`, n8n's `__rl` objects too); both read as the text.
 */
const resourceLike = z.preprocess((raw) => {
  if (raw !== null && typeof raw === 'object' && !Array.isArray(raw) && 'value' in raw) {
    const mode = Reflect.get(raw, 'mode');
    if (mode === undefined || mode === 'list' || mode === 'id') return Reflect.get(raw, 'value') ?? '';
  }
  return raw;
}, stringLike);

export interface ListParamOptions<T> extends ParamOptions<T[]> {
  /** Label of the "add" button in the editor. */
  addLabel?: string;
  minItems?: number;
}

function withBounds(opts: NumberParamOptions): z.ZodType<number> {
  let s = z.number();
  if (opts.integer) s = s.int();
  if (opts.min !== undefined) s = s.min(opts.min);
  if (opts.max !== undefined) s = s.max(opts.max);
  return z.preprocess((value) => {
    const parsed = numberLike.safeParse(value);
    return parsed.success ? parsed.data : value;
  }, s);
}

function shapeSchema<S extends ParamShape>(fields: S, partial: boolean) {
  const entries: Record<string, z.ZodType> = {};
  for (const [key, param] of Object.entries(fields)) {
    entries[key] = partial ? param.schema.optional() : param.schema.default(param.default);
  }
  return z.object(entries).passthrough();
}

export const p = {
  string(opts: StringParamOptions): Param<string> {
    return make('string', opts, '', stringLike, {
      widget: opts.password ? 'password' : opts.rows && opts.rows > 1 ? 'textarea' : 'text',
      typeOptions: { rows: opts.rows, password: opts.password },
    });
  },
  number(opts: NumberParamOptions): Param<number> {
    return make('number', opts, 0, withBounds(opts), {
      widget: 'number',
      typeOptions: { min: opts.min, max: opts.max, integer: opts.integer },
    });
  },
  boolean(opts: ParamOptions<boolean>): Param<boolean> {
    return make('boolean', opts, false, booleanLike, { widget: 'toggle' });
  },
  options<const V extends string | number>(
    opts: ParamOptions<V> & { options: readonly Choice<V>[]; default: V },
  ): Param<V> {
    const values = opts.options.map((o) => o.value);
    const schema = z.custom<V>((value) => values.includes(value as V), {
      message: `must be one of: ${values.map((v) => JSON.stringify(v)).join(', ')}`,
    });
    return make('options', opts, opts.default, schema, { widget: 'select', choices: opts.options });
  },
  multiOptions<const V extends string | number>(
    opts: ParamOptions<V[]> & { options: readonly Choice<V>[] },
  ): Param<V[]> {
    const values = opts.options.map((o) => o.value);
    const schema = z.array(
      z.custom<V>((value) => values.includes(value as V), {
        message: `must be one of: ${values.map((v) => JSON.stringify(v)).join(', ')}`,
      }),
    );
    return make('multiOptions', opts, [], schema, { widget: 'multiselect', choices: opts.options });
  },
  /** Any JSON value; a string is parsed as JSON. */
  json(opts: ParamOptions<unknown>): Param<unknown> {
    const schema = z
      .preprocess((value) => {
        if (typeof value !== 'string') return value;
        const trimmed = value.trim();
        if (trimmed === '') return undefined;
        try {
          return JSON.parse(trimmed);
        } catch (error) {
          return { __invalidJson: (error as Error).message };
        }
      }, z.unknown())
      .refine((v) => !(v && typeof v === 'object' && '__invalidJson' in v), {
        message: 'is not valid JSON',
      });
    return make('json', opts, undefined, schema, { widget: 'json' });
  },
  code(opts: CodeParamOptions): Param<string> {
    return make('code', { noExpression: opts.language !== 'json', ...opts }, '', stringLike, {
      widget: 'code',
      typeOptions: { language: opts.language },
    });
  },
  dateTime(opts: ParamOptions<string>): Param<string> {
    const schema = z.preprocess(
      (v) => (v instanceof Date ? v.toISOString() : v === null ? '' : v),
      z.string(),
    );
    return make('dateTime', opts, '', schema as z.ZodType<string>, { widget: 'datetime' });
  },
  /** Optional settings ("Add option"): every field may be absent. */
  collection<const S extends ParamShape>(
    opts: ParamOptions<Partial<ParamsOf<S>>> & { fields: S },
  ): Param<Partial<ParamsOf<S>>> {
    return make(
      'collection',
      opts,
      {} as Partial<ParamsOf<S>>,
      shapeSchema(opts.fields, true) as unknown as z.ZodType<Partial<ParamsOf<S>>>,
      { widget: 'collection', children: opts.fields },
    );
  },
  /** A fixed group of fields, each with its default. */
  object<const S extends ParamShape>(opts: ParamOptions<ParamsOf<S>> & { fields: S }): Param<ParamsOf<S>> {
    const fallback = Object.fromEntries(
      Object.entries(opts.fields).map(([k, v]) => [k, v.default]),
    ) as ParamsOf<S>;
    return make(
      'object',
      opts,
      fallback,
      shapeSchema(opts.fields, false) as unknown as z.ZodType<ParamsOf<S>>,
      { widget: 'object', children: opts.fields },
    );
  },
  /** A repeatable list of entries with the same fields. */
  list<const S extends ParamShape>(
    opts: ListParamOptions<ParamsOf<S>> & { fields: S },
  ): Param<ParamsOf<S>[]> {
    let schema = z.array(shapeSchema(opts.fields, false));
    if (opts.minItems !== undefined) schema = schema.min(opts.minItems);
    return make('list', opts, [], schema as unknown as z.ZodType<ParamsOf<S>[]>, {
      widget: 'list',
      children: opts.fields,
      typeOptions: { addLabel: opts.addLabel },
    });
  },
  /** Text picked from a list the credential serves ("from list") or typed ("by id"); see ResourceParamOptions. */
  resource(opts: ResourceParamOptions): Param<string> {
    return make('resource', opts, '', resourceLike, {
      widget: 'resource',
      typeOptions: { loadOptions: opts.loadOptions },
    });
  },
  /** A read-only note in the form. Its value is always ''. */
  notice(opts: { label: string; displayOptions?: DisplayOptions }): Param<string> {
    return make(
      'notice',
      { ...opts, noExpression: true },
      '',
      z.any().transform(() => ''),
      { widget: 'notice' },
    );
  },
  /** Escape hatch for structured parameter types (filter conditions, assignments, …). */
  custom<T>(
    opts: ParamOptions<T> & { kind: string; schema: z.ZodType<T>; default: T; widget?: string },
  ): Param<T> {
    return make(opts.kind, opts, opts.default, opts.schema, { widget: opts.widget ?? opts.kind });
  },
};

/** The JSON form description the editor renders. */
export function toFormFields(shape: ParamShape): FormField[] {
  return Object.entries(shape).map(([name, param]) => {
    const field: FormField = {
      name,
      kind: param.kind,
      label: param.options.label,
      widget: param.widget,
      default: param.default,
    };
    const o = param.options;
    if (o.description) field.description = o.description;
    if (o.placeholder) field.placeholder = o.placeholder;
    if (o.required) field.required = true;
    if (o.displayOptions) field.displayOptions = o.displayOptions;
    if (o.noExpression) field.noExpression = true;
    if (o.hint) field.hint = o.hint;
    if (param.choices) field.options = param.choices.map((c) => ({ ...c }));
    if (param.children) field.fields = toFormFields(param.children);
    if (param.typeOptions) {
      const defined = Object.entries(param.typeOptions).filter(([, v]) => v !== undefined);
      if (defined.length > 0) field.typeOptions = Object.fromEntries(defined);
    }
    return field;
  });
}
