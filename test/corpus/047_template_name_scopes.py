# pins: each template call opens a fresh name scope while variables stay in the template's scope; create_scope_now_
import tensorflow as tf
def body():
    tf.get_variable("k", [1])
    return tf.constant(0, name="out")
tmpl = tf.make_template("net", body)
print(tmpl().name)
print(tmpl().name)
with tf.variable_scope("wrap"):
    now = tf.make_template("early", body, create_scope_now_=True)
print(now().name)
print(now().name)
print(now.variable_scope.name)
print([v.name for v in tf.global_variables()])
