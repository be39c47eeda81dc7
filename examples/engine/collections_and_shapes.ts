// examples/python/collections_and_shapes.py written with Scope Lens's TypeScript API: two
// variables land in the GLOBAL_VARIABLES collection, in creation order. The Python program:
//
//   a = tf.get_variable("a", [3, 3, 32, 64], initializer=tf.random_normal_initializer())
//   b = tf.get_variable("b", [64], initializer=tf.random_normal_initializer())
//   for var in tf.get_collection(tf.GraphKeys.GLOBAL_VARIABLES):
//     print(var is a); print(var.get_shape())
import { getCollection, getVariable, GraphKeys, initializers, Variable } from '../../src/index';
import { formatShape } from '../../src/core/shape';

export function main(print: (line: string) => void): void {
  const a = getVariable('a', { shape: [3, 3, 32, 64], initializer: initializers.randomNormal() });
  getVariable('b', { shape: [64], initializer: initializers.randomNormal() });
  for (const v of getCollection(GraphKeys.GLOBAL_VARIABLES) as Variable[]) {
    print(v === a ? 'True' : 'False');
    print(formatShape(v.shape));
  }
}
