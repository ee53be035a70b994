/**
 * Luxon and jmespath, compiled once per isolate by the sandbox process. Code
 * that names them gets them run into the context before the runtime (they are
 * then waiting in a global); otherwise they are loaded through the bridge on
 * first use.
 */
import { callBridge } from './host.ts';
import { state } from './state.ts';

type LibraryName = 'luxon' | 'jmespath' | 'nunjucks';

interface LuxonDateTime {
  startOf(unit: string): unknown;
}

export interface Luxon {
  DateTime: { now(): LuxonDateTime };
  Duration: unknown;
  Interval: unknown;
  Settings: { defaultZone: unknown };
}

export interface Jmespath {
  search(data: unknown, expression: unknown): unknown;
}

interface NunjucksEnvironment {
  renderString(template: string, context: object): string;
  addFilter(name: string, filter: (...args: never[]) => unknown): void;
}

export interface Nunjucks {
  Environment: new (loaders: null, options: object) => NunjucksEnvironment;
  installJinjaCompat(): void;
}

const preloaded = new Map<LibraryName, unknown>();
let luxonLibrary: Luxon | undefined;
let jmespathLibrary: Jmespath | undefined;
let jinjaEnvironment: NunjucksEnvironment | undefined;

function take(name: LibraryName): unknown {
  const key = `__guixuLoaded_${name}`;
  const value: unknown = Reflect.get(globalThis, key);
  Reflect.deleteProperty(globalThis, key);
  return value;
}

/** Picks up what the sandbox process ran before the runtime. */
export function takePreloaded(): void {
  for (const name of ['luxon', 'jmespath', 'nunjucks'] as const) {
    const value = take(name);
    if (value !== undefined) preloaded.set(name, value);
  }
}

function load(name: LibraryName): unknown {
  const ready = preloaded.get(name);
  if (ready !== undefined) return ready;
  callBridge('load', name);
  return take(name);
}

export function luxon(): Luxon {
  if (!luxonLibrary) {
    // The library's own build, run by the sandbox process: its shape is known.
    luxonLibrary = load('luxon') as Luxon;
    const zone = state.constants.timezone;
    if (zone) luxonLibrary.Settings.defaultZone = zone;
  }
  return luxonLibrary;
}

export function jmespath(): Jmespath {
  jmespathLibrary ??= load('jmespath') as Jmespath;
  return jmespathLibrary;
}

/**
 * A Jinja2-like environment (nunjucks with its Jinja compatibility: `True`/`None`,
 * `.items()`, slices) rendering without HTML escaping, like Jinja2's default and
 * Dify's template node; `tojson` is added (Jinja2 has it, nunjucks calls it `dump`).
 */
export function jinja(): NunjucksEnvironment {
  if (!jinjaEnvironment) {
    const library = load('nunjucks') as Nunjucks;
    library.installJinjaCompat();
    jinjaEnvironment = new library.Environment(null, { autoescape: false, throwOnUndefined: false });
    jinjaEnvironment.addFilter('tojson', (value: unknown, indent?: number) =>
      JSON.stringify(value, null, indent),
    );
  }
  return jinjaEnvironment;
}
