# tf.get_variable puts new variables in GLOBAL_VARIABLES, in creation order; print each one and its shape.
import tensorflow as tf
sess=tf.Session()
a=tf.get_variable("a",[3,3,32,64],initializer=tf.random_normal_initializer())
b=tf.get_variable("b",[64],initializer=tf.random_normal_initializer())
gv= tf.get_collection(tf.GraphKeys.GLOBAL_VARIABLES)
for var in gv:
  print(var is a)
  print(var.get_shape())
