/**
 * Source text to IR, by language. The TypeScript/JavaScript front end is loaded on its first
 * use: it brings the TypeScript compiler (about 9 MB of JavaScript, ~200 ms to load), which a
 * Python-only session never needs. `require` is synchronous, so every caller stays synchronous.
 * In the bundles the compiler is its own file (dist/typescript.js, scripts/build.mjs), read only
 * when this module first asks for the front end.
 */
import type { Module } from './ir';
import type * as TypeScriptFrontEnd from './typescript/lower';

let frontEnd: typeof TypeScriptFrontEnd | undefined;

/** The TypeScript/JavaScript front end (`lowerTypeScript`), loaded on the first call. */
export function typescriptFrontEnd(): typeof TypeScriptFrontEnd {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  frontEnd ??= require('./typescript/lower') as typeof TypeScriptFrontEnd;
  return frontEnd;
}

/** The IR of a TypeScript/JavaScript file and the parser's syntax errors (`parse-recovery`). */
export function lowerSourceResult(
  source: string,
  file: string,
): ReturnType<typeof TypeScriptFrontEnd.lowerTypeScript> {
  return typescriptFrontEnd().lowerTypeScript(source, file);
}

/** The IR of a TypeScript/JavaScript file. */
export function lowerSource(source: string, file: string): Module {
  return typescriptFrontEnd().lowerTypeScript(source, file).module;
}
