# pins: the TypeError/ValueError messages for bad variable_scope arguments
# (TF 2.21 says 'root scope name' at the root; the override below records TF 1.15's text)
# oracle-override: is not a valid root scope name. A root scope name has to match the following pattern: ^[A-Za-z0-9.][A-Za-z0-9_.\\/>-]*$ => is not a valid scope name
import tensorflow as tf
def check(make):
    try:
        with make():
            pass
        print("ok")
    except (TypeError, ValueError) as e:
        print(type(e).__name__ + ":", str(e).splitlines()[0])
check(lambda: tf.variable_scope(None))
check(lambda: tf.variable_scope(12))
check(lambda: tf.variable_scope("bad name"))
check(lambda: tf.variable_scope("-dash"))
check(lambda: tf.variable_scope("x", reuse="yes"))
check(lambda: tf.variable_scope("ok.name-1"))
