/**
 * The layer libraries' IR made at build time. Lowering a library module costs its parse: a
 * process's first analysis of a model that uses `tf.layers` lowers eight modules (about 150 KB
 * of Python) with a parser V8 has not optimised yet, about three quarters of that analysis.
 * The build lowers every module of the embedded library once and writes each one's IR as JSON
 * (dist/library-ir/, see scripts/build.mjs); the Node hosts (the language server, `scope-lens
 * check`) hand the analyzer a reader of those files (src/library-ir.ts), which
 * `Library.module` asks before it lowers. The analyzer itself still does no I/O, and without a
 * reader (tsc's out/, the browser) it lowers as before. Parsing a module's JSON costs about a
 * tenth of lowering it cold, and the IR it gives is the same plain tree of objects.
 *
 * Each file carries a hash of the text it was lowered from; a module whose text does not match
 * (a library edited since the build) is lowered from its text instead.
 */
import type { Module } from '../ir';
import { lowerPython } from '../python/lower';
import { LIBRARY_SOURCES } from './sources.generated';

/** The JSON of module `name`'s IR as `encodeLowered` wrote it, or undefined if there is none. */
export type PreloweredReader = (name: string) => string | undefined;

let reader: PreloweredReader | undefined;

/** Sets (or, with undefined, clears) where `Library.module` looks for prelowered IR. */
export function usePrelowered(r: PreloweredReader | undefined): void {
  reader = r;
}

/** A module's text as a short fingerprint: its length and a 32-bit FNV-1a of its code units. */
export function textHash(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return `${text.length}:${(h >>> 0).toString(16)}`;
}

/** The file contents for module text `text`: its hash and its IR. */
export function encodeLowered(text: string): string {
  return JSON.stringify({ hash: textHash(text), module: lowerPython(text).module });
}

/** [module name, file contents] for every module of the embedded library (the build's step). */
export function encodeLibrary(): Array<[string, string]> {
  return Object.entries(LIBRARY_SOURCES).map(([name, text]) => [name, encodeLowered(text)]);
}

/**
 * Module `name`'s prelowered IR if a reader is set, has it, and it was made from `text`; else
 * undefined (the caller lowers). A file that does not parse counts as missing.
 */
export function prelowered(name: string, text: string): Module | undefined {
  if (!reader) return undefined;
  let json: string | undefined;
  try {
    json = reader(name);
  } catch {
    return undefined;
  }
  if (json === undefined) return undefined;
  try {
    const stored = JSON.parse(json) as { hash?: unknown; module?: Module };
    if (stored.hash !== textHash(text) || stored.module?.kind !== 'Module') return undefined;
    return stored.module;
  } catch {
    return undefined;
  }
}
