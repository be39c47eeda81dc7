# Indexing with tensor bounds as TF 1.15's `_slice_helper` builds it: begin, end and strides
# each `array_ops.stack`ed in the `strided_slice` scope (a Const for Python ints, TF's
# autopacking, `stack/0` and a Pack, when the list holds a tensor), `s + 1` for a tensor index
# built before the scope; static shapes, values, and the gradient (StridedSliceGrad of the
# op's own packed inputs).
# TF 2.21 makes a missing start/stop/step of a slice with a tensor bound a constant tensor of
# the bound's dtype (`constant_op.constant(0/1, dtype=dtype)` before the scope); 1.15's
# array_ops.py `_slice_helper` appends the Python ints 0 and 1:
# oracle-override: Const_2 Const [] =>
# oracle-override: strided_slice_1/stack_2 Pack ['Const_2:0'] => strided_slice_1/stack_2 Const []
# oracle-override: Const_3 Const [] =>
# oracle-override: strided_slice_2/stack_2/1 Const []\nstrided_slice_2/stack_2 Pack ['Const_3:0', 'strided_slice_2/stack_2/1:0'] => strided_slice_2/stack_2 Const []
# oracle-override: Const_4 Const []\nConst_5 Const [] =>
# oracle-override: strided_slice_4/stack_1/1 Const []\nstrided_slice_4/stack_1 Pack ['Const_4:0', 'strided_slice_4/stack_1/1:0']\nstrided_slice_4/stack_2/1 Const []\nstrided_slice_4/stack_2 Pack ['Const_5:0', 'strided_slice_4/stack_2/1:0'] => strided_slice_4/stack_1 Const []\nstrided_slice_4/stack_2 Const []
import numpy as np
import tensorflow as tf

x = tf.constant(np.arange(24, dtype=np.float32).reshape(4, 6))
i = tf.constant(2)
a = tf.placeholder(tf.int32, [])
b = tf.placeholder(tf.int32, [])
y1 = x[:, i]
y2 = x[a:b]
y3 = x[1:b, a]
y4 = x[i]
y5 = x[a:, ::2]
for op in tf.get_default_graph().get_operations():
    print(op.name, op.type, [t.name for t in op.inputs])
print(y1, y2, y3, y4, y5)
n = len(tf.get_default_graph().get_operations())
g = tf.gradients(tf.reduce_sum(y3 * 2.) + tf.reduce_sum(y1) + tf.reduce_sum(y5), x)[0]
print(sorted(set(op.type for op in tf.get_default_graph().get_operations()[n:]
                 if "strided_slice" in op.name)))
with tf.Session() as s:
    for v in s.run([y1, y2, y3, y4, y5, g], {a: 1, b: 3}):
        print(v)
