"""The public names under `tf.` that the layer libraries provide: `'dotted.name': 'module:attr'`.

One table for both sides: the runtime's `tensorflow` package wires its modules from it, and the
analyzer reads the same literal.
"""
EXPORTS = {
    'train.Optimizer': 'optimizers:Optimizer',
    'train.GradientDescentOptimizer': 'optimizers:GradientDescentOptimizer',
    'train.MomentumOptimizer': 'optimizers:MomentumOptimizer',
    'train.AdamOptimizer': 'optimizers:AdamOptimizer',
    'train.RMSPropOptimizer': 'optimizers:RMSPropOptimizer',
    'train.AdagradOptimizer': 'optimizers:AdagradOptimizer',
    'train.AdadeltaOptimizer': 'optimizers:AdadeltaOptimizer',
    'train.FtrlOptimizer': 'optimizers:FtrlOptimizer',
    'train.ExponentialMovingAverage': 'moving_averages:ExponentialMovingAverage',
}
