# The "already exists" error says where the variable was first created, as TF does: the user's
# frames, innermost first, formatted like Python's traceback module.
import tensorflow as tf


def layer(name):
    with tf.variable_scope(name):
        return tf.get_variable("w", [1])


layer("dense")
try:
    layer("dense")
except ValueError as e:
    lines = str(e).splitlines()
    print(lines[0])
    print(lines[1] == "")
    print([line.strip() for line in lines[2:6] if not line.strip().startswith("File")])
    print([line.split(",")[1:] for line in lines[2:6] if line.strip().startswith("File")])
