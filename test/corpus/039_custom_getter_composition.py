# pins: scope custom getters compose (the innermost runs first) and ops a getter makes live at the root name scope
import tensorflow as tf
def tag(suffix):
    def getter(next_getter, name, *args, **kwargs):
        return next_getter(name + suffix, *args, **kwargs)
    return getter
def doubled(getter, *args, **kwargs):
    v = getter(*args, **kwargs)
    return tf.multiply(v, 2.0, name="twice")
with tf.variable_scope("a", custom_getter=tag("_outer")):
    with tf.variable_scope("b", custom_getter=tag("_inner")):
        v = tf.get_variable("v", [1])
with tf.variable_scope("c"):
    t = tf.get_variable("t", [1], custom_getter=doubled)
print(v.name)
print(t.name)
