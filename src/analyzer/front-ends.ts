/** Source text to IR, by language. */
import type { Module } from './ir';
import { lowerTypeScript } from './typescript/lower';

/** The IR of a TypeScript/JavaScript file. */
export function lowerSource(source: string, file: string): Module {
  return lowerTypeScript(source, file).module;
}
