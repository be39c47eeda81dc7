# pins: a new variable without a fully defined shape (default or argument-taking initializer) raises; nothing is created
# (TF 2.21 words the first error differently; the override below records TF 1.15's text)
# oracle-override: Variable plain did not get an initializer, so its `shape` argument must be specified. => The initializer passed is not valid. It should be a callable with no arguments and the shape should not be provided or an instance of `tf.keras.initializers.*' and `shape` should be fully defined.
import tensorflow as tf
try:
    tf.get_variable("plain")
except ValueError as e:
    print("ValueError:", str(e).splitlines()[0])
try:
    tf.get_variable("partial", [4, None])
except ValueError as e:
    print("ValueError:", str(e).splitlines()[0])
try:
    tf.get_variable("needs_arg", initializer=lambda shape: [1.0])
except ValueError as e:
    print("ValueError:", str(e).splitlines()[0])
print(len(tf.global_variables()))
