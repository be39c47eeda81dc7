# pins: when name_or_scope is given default_name is ignored: a second 'tower' collides, its name scope is 'tower_1'
import tensorflow as tf
for k in range(2):
    with tf.variable_scope("tower", default_name="ignored") as sc:
        print(sc.name)
        print(sc.original_name_scope)
        try:
            tf.get_variable("kern", [2, 2])
        except ValueError as e:
            print("ValueError:", str(e).splitlines()[0])
