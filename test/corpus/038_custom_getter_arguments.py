# pins: a custom getter is called with the full name and the effective reuse, also on reuse, and may change the name
import tensorflow as tf
seen = []
def rename(getter, name, *args, **kwargs):
    seen.append((name, kwargs["reuse"]))
    return getter(name + "_g", *args, **kwargs)
with tf.variable_scope("layer", custom_getter=rename) as sc:
    w = tf.get_variable("w", [2])
with tf.variable_scope(sc, reuse=True):
    w2 = tf.get_variable("w", [2])
print(w.name)
print(w2 is w)
for name, reuse in seen:
    print(name, reuse)
