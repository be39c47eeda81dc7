# tf.contrib.slim.utils: the shape helpers model code branches on (ResNet's
# `depth_in = slim.utils.last_dimension(...)`) and end points named through aliases.
import tensorflow as tf

slim = tf.contrib.slim

x = tf.placeholder(tf.float32, [2, 8, 8, 3])
print(slim.utils.last_dimension(x.get_shape(), min_rank=4))
print(slim.utils.channel_dimension(x.get_shape(), "channels_first"))
print(slim.utils.two_element_tuple(3), slim.utils.two_element_tuple([2, 5]))
print(slim.utils.get_variable_collections({"weights": ["w"]}, "weights"))
for bad in (tf.placeholder(tf.float32), tf.placeholder(tf.float32, [2, None]), x):
    try:
        print(slim.utils.last_dimension(bad.get_shape(), min_rank=5 if bad is x else 1))
    except ValueError as e:
        print("ValueError:", e)

with tf.variable_scope("net") as sc:
    collection = sc.original_name_scope + "_end_points"
    with slim.arg_scope([slim.conv2d], outputs_collections=collection):
        net = x
        for i, depth in enumerate([3, 6, 6]):
            with tf.variable_scope("unit_%d" % (i + 1), values=[net]) as unit:
                if depth == slim.utils.last_dimension(net.get_shape(), min_rank=4):
                    shortcut = net
                else:
                    shortcut = slim.conv2d(net, depth, [1, 1], scope="shortcut")
                net = shortcut + slim.conv2d(net, depth, [3, 3], scope="conv")
                net = slim.utils.collect_named_outputs(collection, unit.name, net)
    end_points = slim.utils.convert_collection_to_dict(collection)
for key in sorted(end_points):
    print(key, end_points[key].name)
print(slim.utils.get_tensor_aliases(net), slim.utils.get_tensor_aliases(x))
for v in tf.global_variables():
    print(v.name, v.shape)
