# pins: name_scope('x/') re-enters a name scope exactly, name_scope(None) returns to the root; variables never see either
import tensorflow as tf
with tf.name_scope("blk") as blk:
    print(blk)
with tf.variable_scope("vs"):
    with tf.name_scope(blk):
        print(tf.constant(0, name="again").name)
        print(tf.get_variable("w", [1]).name)
    with tf.name_scope(None):
        print(tf.constant(0, name="rooted").name)
        print(tf.get_variable("u", [1]).name)
with tf.name_scope("blk"):
    print(tf.constant(0, name="c").name)
