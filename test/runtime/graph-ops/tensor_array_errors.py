# tf.TensorArray's run-time checks (TF's kernels): an element never written reads as zeros when
# the element shape is fully defined, and the errors of a second write, a read past the end, a
# write past a fixed size, a second read with clear_after_read and a read of an unknown shape.
import re

import tensorflow as tf

full = tf.TensorArray(tf.float32, size=3, element_shape=[2])
full = full.write(1, [1.0, 2.0])
print(full.stack())
unknown = tf.TensorArray(tf.float32, size=2, infer_shape=False)
with tf.Session() as sess:
    print(sess.run(full.stack()).tolist())
    print(sess.run(full.read(0)).tolist())
    for make in (lambda: full.write(1, [3.0, 4.0]).stack(),
                 lambda: full.read(3),
                 lambda: full.write(3, [3.0, 4.0]).flow,
                 lambda: tf.stack([full.read(1), full.read(1)]),
                 lambda: unknown.read(0),
                 lambda: unknown.write(0, 1).read(0),
                 lambda: unknown.write(0, tf.constant(1)).flow):
        try:
            sess.run(make())
        except tf.errors.InvalidArgumentError as e:
            # The kernel's message (TF 2.21 puts it among lines of its own); the array's name
            # ends in a count of the arrays the process made, which other programs change.
            lines = [line for line in e.message.splitlines()
                     if line.startswith(("TensorArray", "Tried", "Could"))]
            print(type(e).__name__, [re.sub(r"^TensorArray (\w+?)_\d+:", r"TensorArray \1_N:", x)
                                     for x in lines])
