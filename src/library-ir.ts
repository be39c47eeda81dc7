/**
 * The Node hosts' reader of the layer libraries' IR that the build wrote beside the bundles
 * (dist/library-ir/<module>.json; src/analyzer/library/prelowered.ts says why). The language
 * server and `scope-lens check` call `usePreloweredBeside(__dirname)`: from a bundle in dist/
 * that finds the folder; from tsc's out/ it finds none, and the analyzer lowers the library
 * from its text as it always could.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { usePrelowered } from './analyzer/library/prelowered';

/** The folder beside the bundles that holds the IR files. */
export const LIBRARY_IR_DIR = 'library-ir';

/** Reads prelowered IR from `<dir>/library-ir` when that folder exists; else changes nothing. */
export function usePreloweredBeside(dir: string): void {
  const folder = path.join(dir, LIBRARY_IR_DIR);
  if (!fs.existsSync(folder)) return;
  usePrelowered((name) => {
    try {
      return fs.readFileSync(path.join(folder, `${name}.json`), 'utf8');
    } catch {
      return undefined;
    }
  });
}
