# Adam: beta1_power/beta2_power are tf.Variables named by the name scope (once per optimizer and
# graph, before the slots); a second Adam continues the slot counter (Adam_2, Adam_3).
import tensorflow as tf

w = tf.get_variable('w', [2, 2])
v = tf.get_variable('v', [3])
loss = tf.reduce_sum(w) + tf.reduce_sum(v)
first = tf.train.AdamOptimizer()
op1 = first.minimize(loss)
with tf.variable_scope('train'):
    with tf.name_scope('ns'):
        second = tf.train.AdamOptimizer(0.5, name='Adam')
        op2 = second.minimize(loss, var_list=[v])
op3 = first.minimize(loss, var_list=[w])
print(op1.name, op2.name, op3.name)
print(first.get_slot_names(), first.get_slot(w, 'm').name, first.get_slot(v, 'v').name)
print(first.get_slot(w, 'nothing'), second.get_slot(w, 'm'), second.get_slot(v, 'm').name)
print([x.name for x in first.variables()])
print([x.name for x in second.variables()])
print(first.get_name())
for x in tf.global_variables():
    print(x.name, x.shape, x.trainable)
