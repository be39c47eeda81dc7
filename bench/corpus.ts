/**
 * The TF1 code the analyzer and server benchmarks analyse: a model block (functions, scopes,
 * loops, formatting, try/except) repeated with distinct names, so every block creates its own
 * variables.
 */

export function block(i: number): string {
  return `
def layer_${i}(x, n_in, n_out, scope="layer_${i}"):
    with tf.variable_scope(scope):
        w = tf.get_variable("w", [n_in, n_out], initializer=tf.glorot_uniform_initializer())
        b = tf.get_variable("b", [n_out], initializer=tf.zeros_initializer())
        for k in range(2):
            with tf.variable_scope("sub%d" % k):
                g = tf.get_variable("gate", [n_out])
    return w


def get_shared_${i}(name, shape=None):
    with tf.variable_scope("shared_${i}") as scope:
        try:
            v = tf.get_variable(name, shape)
        except ValueError:
            scope.reuse_variables()
            v = tf.get_variable(name)
    return v


layer_${i}(None, 64, 32)
get_shared_${i}("emb", [100, 16])
get_shared_${i}("emb", [100, 16])
with tf.variable_scope("block_${i}", reuse=tf.AUTO_REUSE):
    a = tf.get_variable("a", [3, 3])
    a2 = tf.get_variable("a", [3, 3])
`;
}

export function file(lines: number): string {
  let text = 'import tensorflow as tf\n';
  for (let i = 0; text.split('\n').length < lines; i++) text += block(i);
  return text;
}

export function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}
