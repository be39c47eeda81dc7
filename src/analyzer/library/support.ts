/**
 * The functions of `tensorflow/_lib/_support.py` modelled natively: the one module through which
 * the layer libraries reach what is not TF 1.15's public API. Each function here stands for the
 * Python function of the same name (which the runtime executes); after the module's source has
 * run in the analyzer, these replace its definitions. Keep this list as short as `_support.py`.
 */
import type { Value } from '../interpreter/values';
import { UNKNOWN_VALUE } from '../interpreter/values';

function builtin(name: string, call: (args: Value[], kwargs: Map<string, Value>) => Value): Value {
  return { k: 'builtin', name, call: (args, kwargs) => call(args, kwargs) };
}

/**
 * Keras' `base_layer._to_snake_case` (TF 1.15): `Conv2DTranspose` → `conv2d_transpose`,
 * `BatchNormalization` → `batch_normalization`; a name starting with `_` gets `private`.
 */
export function toSnakeCase(name: string): string {
  const intermediate = name.replace(/(.)([A-Z][a-z0-9]+)/g, '$1_$2');
  const insecure = intermediate.replace(/([a-z])([A-Z])/g, '$1_$2').toLowerCase();
  return insecure.startsWith('_') ? `private${insecure}` : insecure;
}

/** The natives, by the name `_support.py` gives them. */
export function supportNatives(): Map<string, Value> {
  return new Map<string, Value>([
    [
      'to_snake_case',
      builtin('to_snake_case', (args, kwargs) => {
        const n = args[0] ?? kwargs.get('name');
        return n && n.k === 'str' && !n.v.includes('\u0001')
          ? { k: 'str', v: toSnakeCase(n.v) }
          : UNKNOWN_VALUE;
      }),
    ],
  ]);
}
