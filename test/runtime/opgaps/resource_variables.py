# tf.enable_resource_variables() (variable_scope.py _DEFAULT_USE_RESOURCE) and
# get_variable(use_resource=True) end to end: ResourceVariables, ResourceGather, Adam's
# ResourceApplyAdam / ResourceScatterAdd, values against TF's.
# 1.15's SmartBroadcastGradientArgs builds BroadcastGradientArgs for known shapes (2.21 does not):
# oracle-override: 'AssignVariableOp', 'ConcatV2' => 'AssignVariableOp', 'BroadcastGradientArgs', 'ConcatV2'
import numpy as np
import tensorflow as tf
tf.enable_resource_variables()
x = tf.constant([[1., 2.], [3., 4.]])
w = tf.get_variable("w", [2, 2], initializer=tf.constant_initializer([[0.5, -1.], [2., 0.]]))
v = tf.get_variable("v", [3, 2], initializer=tf.ones_initializer(), use_resource=True)
print(type(w).__name__, w.dtype, w.name, v.name)
y = tf.matmul(x, w) + tf.reduce_sum(tf.gather(v, [0, 2]))
loss = tf.reduce_sum(y * y)
opt = tf.train.AdamOptimizer(0.1).minimize(loss)
with tf.Session() as s:
    s.run(tf.global_variables_initializer())
    for _ in range(3):
        _, l = s.run([opt, loss])
        print(np.round(l, 3))
    print(np.round(s.run(w), 4), np.round(s.run(v), 4))
print(sorted(set(op.type for op in tf.get_default_graph().get_operations())))
print(tf.resource_variables_enabled())
tf.disable_resource_variables()
with tf.variable_scope("ref"):
    r = tf.get_variable("r", [1])
print(type(r).__name__, r.dtype, tf.resource_variables_enabled())
