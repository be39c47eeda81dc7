/**
 * The embedded library's `EXPORTS` table is read at build time (scripts/gen-analyzer-library.mjs,
 * LIBRARY_EXPORTS) so that a process's first analysis does not parse `_lib/exports.py`. The table
 * must say what the module's IR says: the same names, targets and namespaces, as a library built
 * from the same texts through the IR finds them.
 */
import { strict as assert } from 'node:assert';
import { Library, libraryFor } from '../../src/analyzer/library/index';
import { LIBRARY_EXPORTS, LIBRARY_SOURCES } from '../../src/analyzer/library/sources.generated';

describe('analyzer: the library export table read at build time', () => {
  it('has every entry of EXPORTS, in order', () => {
    assert.ok(LIBRARY_EXPORTS && LIBRARY_EXPORTS.length > 100, 'the table is missing or short');
    const keys = LIBRARY_EXPORTS.map(([k]) => k);
    assert.ok(keys.includes('layers.dense'));
    assert.ok(keys.includes('contrib.layers.fully_connected'));
  });

  it('gives the default library the exports and namespaces the IR of exports.py gives', () => {
    const fromTable = libraryFor();
    // A copy of the same texts is another library: it reads `exports` through its IR.
    const fromIr = new Library({ ...LIBRARY_SOURCES });
    assert.notEqual(fromTable, fromIr);
    assert.deepEqual([...fromTable.exports], [...fromIr.exports]);
    assert.deepEqual([...fromTable.namespaces].sort(), [...fromIr.namespaces].sort());
    assert.deepEqual(fromTable.exports.get('layers.dense'), { module: 'core', attr: 'dense' });
    assert.ok(fromTable.namespaces.has('contrib.layers'));
  });
});
