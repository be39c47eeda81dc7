# minimize with global_step, compute_gradients/apply_gradients, gradients that are None, and
# the errors TF raises before anything is created.
import tensorflow as tf

gs = tf.train.get_or_create_global_step()
a = tf.get_variable('a', [3])
b = tf.get_variable('b', [3])
c = tf.get_variable('c', [3], trainable=False)
loss = tf.reduce_sum(a * 2.0)
opt = tf.train.MomentumOptimizer(0.1, 0.9)
gv = opt.compute_gradients(loss)
print([(g is None, v.name) for g, v in gv])
train = opt.apply_gradients(gv, global_step=gs, name='step')
print(train.name)
try:
    opt.minimize(loss, var_list=[b])
except ValueError as e:
    print(type(e).__name__ + ': ' + str(e).splitlines()[0][:60])
try:
    opt.apply_gradients([])
except ValueError as e:
    print(type(e).__name__ + ': ' + str(e))
try:
    opt.apply_gradients([(None, b)])
except ValueError as e:
    print(type(e).__name__ + ': ' + str(e)[:40])
try:
    tf.train.GradientDescentOptimizer(0.1).minimize(loss, var_list=[])
except ValueError as e:
    print(type(e).__name__ + ': ' + str(e))
try:
    tf.train.AdamOptimizer(name='')
except ValueError as e:
    print(type(e).__name__ + ': ' + str(e))
print(tf.gradients(loss, [a, b])[1])
for x in tf.global_variables():
    print(x.name, x.shape, x.trainable)
