# pins: get_local_variable goes to LOCAL_VARIABLES (plus given collections), is not trainable or global, honours reuse
import tensorflow as tf
def has(coll, v):
    return any(x is v for x in coll)
with tf.variable_scope("metrics") as m:
    count = tf.get_local_variable("count", [], collections=["counters"])
print(count.name)
print(has(tf.local_variables(), count))
print(has(tf.get_collection("counters"), count))
print(has(tf.trainable_variables(), count))
print(has(tf.global_variables(), count))
with tf.variable_scope(m, reuse=True):
    print(tf.get_local_variable("count", []) is count)
