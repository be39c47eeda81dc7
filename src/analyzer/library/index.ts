/**
 * The layer libraries the analyzer knows by interpreting their Python source (issue #11): the
 * modules of the runtime's `tensorflow._lib` package (src/runtime/python/tensorflow/_lib), whose
 * texts are embedded at build time (sources.generated.ts, written by
 * scripts/gen-analyzer-library.mjs), the way a type checker reads library stubs. The analyzer
 * does no I/O.
 *
 * `_lib/exports.py` holds one dict literal, `EXPORTS`, mapping each public dotted name under
 * `tf.` (`'layers.dense'`) to `'module:attr'` inside `_lib` (`'core:dense'`). It is read here
 * from its IR, not executed. Each module is lowered once per `Library` (the default library once
 * per process), or read from the IR the build made of it (prelowered.ts); the interpreter runs
 * a module once per path, at first use, like the program's own imports, and interprets its
 * functions and classes at the user's call.
 *
 * `_lib/_support.py` is the one module whose functions the analyzer models natively (support.ts):
 * they override what its source defines.
 */
import type { Module } from '../ir';
import { lowerPython } from '../python/lower';
import { prelowered } from './prelowered';
import { LIBRARY_EXPORTS, LIBRARY_SOURCES } from './sources.generated';

/** Module name (`core`, `_support`, `exports`, `rnn.cells` for a subpackage) → Python text. */
export type LibrarySources = Readonly<Record<string, string>>;

/** The file name library code runs under (never a user location). */
export const LIBRARY_FILE_PREFIX = '<scope-lens>/tensorflow/_lib/';

/** Code of Scope Lens's own (the layer libraries, stubs): never a user location. */
export function isLibraryFile(file: string): boolean {
  return file.startsWith('<scope-lens>/');
}

export class Library {
  /** `layers.dense` → `{ module: 'core', attr: 'dense' }`. */
  readonly exports = new Map<string, { readonly module: string; readonly attr: string }>();
  /** Every proper prefix of an exported name (`layers`, `contrib`, `contrib.layers`). */
  readonly namespaces = new Set<string>();
  private readonly lowered = new Map<string, Module | null>();

  constructor(readonly sources: LibrarySources) {
    // The embedded library's table was read at build time: parsing `exports` here would be the
    // largest part of a process's first analysis.
    if (sources === LIBRARY_SOURCES && LIBRARY_EXPORTS)
      for (const [key, value] of LIBRARY_EXPORTS) this.addExport(key, value);
    else if (sources.exports !== undefined) this.readExports(this.module('exports'));
  }

  /** The IR of module `name` (lowered once), or undefined when there is no such module. */
  module(name: string): Module | undefined {
    const known = this.lowered.get(name);
    if (known !== undefined) return known ?? undefined;
    const text = this.sources[name];
    const m = text === undefined ? null : (prelowered(name, text) ?? lowerPython(text).module);
    this.lowered.set(name, m);
    return m ?? undefined;
  }

  /** The file name module `name` runs under. */
  fileOf(name: string): string {
    return `${LIBRARY_FILE_PREFIX}${name.split('.').join('/')}.py`;
  }

  private readExports(m: Module | undefined): void {
    if (!m) return;
    for (const s of m.body) {
      if (s.kind !== 'Assign' || s.value.kind !== 'Dict') continue;
      if (!s.targets.some((t) => t.kind === 'Name' && t.id === 'EXPORTS')) continue;
      const d = s.value;
      d.keys.forEach((k, i) => {
        const v = d.values[i];
        if (!k || k.kind !== 'Constant' || v.kind !== 'Constant') return;
        if (typeof k.value !== 'string' || typeof v.value !== 'string') return;
        this.addExport(k.value, v.value);
      });
    }
  }

  /** `EXPORTS[key] = 'module:attr'`. */
  private addExport(key: string, value: string): void {
    const [module, attr] = value.split(':');
    if (!module || !attr) return;
    this.exports.set(key, { module, attr });
    const parts = key.split('.');
    for (let j = 1; j < parts.length; j++) this.namespaces.add(parts.slice(0, j).join('.'));
  }
}

const cache = new WeakMap<object, Library>();
let defaultLibrary: Library | undefined;

/** The library for these sources (the embedded `_lib` when none are given), built once. */
export function libraryFor(sources?: LibrarySources): Library {
  if (!sources) return (defaultLibrary ??= new Library(LIBRARY_SOURCES));
  let lib = cache.get(sources);
  if (!lib) {
    lib = new Library(sources);
    cache.set(sources, lib);
  }
  return lib;
}
