/**
 * Entry of the runtime bundle that runs INSIDE the isolate, once per fresh
 * context (bundled by esbuild into an IIFE, see runtime-bundle.ts). It builds
 * the n8n-style globals (`$input`, `$json`, `$('Node')`, `console`, Luxon, …)
 * and returns `run`, which calls the user's code, and `fireTimer` for the
 * sandbox process's timers.
 */
import { installBuffer } from './buffer.ts';
import { installConsole } from './console.ts';
import { installCrypto } from './crypto.ts';
import { connect, type HostFunction } from './host.ts';
import { takePreloaded } from './libraries.ts';
import { installN8nGlobals } from './n8n-globals.ts';
import { run } from './run.ts';
import { fireTimer, installTimers } from './timers.ts';

function createRuntime(bridge: HostFunction, lookup: HostFunction) {
  connect({ bridge, lookup });
  takePreloaded();
  installConsole();
  installN8nGlobals();
  installTimers();
  installBuffer();
  installCrypto();
  return { run, fireTimer };
}

// The sandbox process takes this (and deletes it) right after running the bundle in a context.
Object.defineProperty(globalThis, '__guixuCreateRuntime', { value: createRuntime, configurable: true });
