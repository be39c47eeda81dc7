"""`tf.estimator` as TF 1.15 builds its graphs (tensorflow_estimator 1.15: `estimator.py`,
`model_fn.py`, `run_config.py`, `util.py`).

An Estimator's `train`, `evaluate` and `predict` each build a graph of their own: a new
`tf.Graph` made default, the `global_step` variable created first (its read `global_step/add`
after it), then `input_fn` called (its `mode`, `params` and `config` passed only if it takes
them; a `Dataset` it returns is read through an initializable iterator), then `model_fn` called
with `features` and whichever of `labels`, `mode`, `params` and `config` it takes, in the
`ModeKeys` mode of the method. What it returns must be an `EstimatorSpec`, validated as TF does.
`train` then adds the `loss` summary; `evaluate` the `loss` metric (`tf.metrics.mean`: its local
variables `mean/total`, `mean/count`) and its `eval_step` counter.
`tf.estimator.inputs.numpy_input_fn` validates its arrays as TF does and dequeues their rows
through `_support.queue_batch` (static shapes for the analyzer; the runtime has no queues).

What happens next in TF is a monitored session running that graph (initialization,
checkpoints in `model_dir`, hooks). Scope Lens builds the graph and stops there with a
NotImplementedError: the program's errors in `model_fn` and `input_fn` are raised as TF raises
them, and the static analyzer names every variable of the graph, but no training loop runs.
`predict` builds its graph when called, not when its results are first iterated.
"""
import copy

import tensorflow as tf
from tensorflow._lib import _support


class ModeKeys(object):
    """The modes an Estimator calls `model_fn` in."""

    TRAIN = 'train'
    EVAL = 'eval'
    PREDICT = 'infer'


_VALID_MODEL_FN_ARGS = ['features', 'labels', 'mode', 'params', 'self', 'config']

_GRAPH_ERROR = (
    '{0} with "{1}" must be from the default graph. '
    'Possible causes of this error include: \n\n'
    '1) {0} was created outside the context of the default graph.'
    '\n\n'
    '2) The object passed through to EstimatorSpec was not created '
    'in the most recent call to "model_fn".')


def _check_is_tensor(x, name):
    if not isinstance(x, tf.Tensor):
        raise TypeError('{} must be Tensor, given: {}'.format(name, x))
    return x


def _train_op(train_op, mode):
    if train_op is None:
        if mode == ModeKeys.TRAIN:
            raise ValueError('Missing train_op.')
        return train_op
    if not isinstance(train_op, (tf.Tensor, tf.Operation)):
        raise TypeError('{} must be Operation or Tensor, given: {}'.format('train_op', train_op))
    if isinstance(train_op, tf.Variable):
        train_op = train_op.op
    if train_op.graph is not tf.get_default_graph():
        raise ValueError(_GRAPH_ERROR.format('train_op', train_op.name))
    return train_op


def _loss(loss, mode):
    if loss is None:
        if mode == ModeKeys.TRAIN or mode == ModeKeys.EVAL:
            raise ValueError('Missing loss.')
        return loss
    loss = _check_is_tensor(loss, 'loss')
    shape = loss.get_shape()
    if shape.num_elements() not in (None, 1):
        raise ValueError('Loss must be scalar, given: {}'.format(loss))
    # (Where the analyzer cannot tell, the loss is taken as a scalar: a reshape is one op more.)
    scalar = shape.is_compatible_with(tf.TensorShape([]))
    if _support.known(scalar) and not scalar:
        loss = tf.reshape(loss, [])
    if loss.graph is not tf.get_default_graph():
        raise ValueError(_GRAPH_ERROR.format('loss', loss.name))
    return loss


def _predictions(predictions, mode):
    if predictions is None:
        if mode == ModeKeys.PREDICT:
            raise ValueError('Missing predictions.')
        return {}
    graph = tf.get_default_graph()
    if isinstance(predictions, dict):
        checked = {}
        for key in predictions:
            checked[key] = _check_is_tensor(predictions[key], 'predictions[{}]'.format(key))
        for key in checked:
            if checked[key].graph is not graph:
                raise ValueError(_GRAPH_ERROR.format(
                    'prediction values', '{0}: {1}'.format(key, checked[key].name)))
        return checked
    predictions = _check_is_tensor(predictions, 'predictions')
    if predictions.graph is not graph:
        raise ValueError(_GRAPH_ERROR.format('prediction values', predictions.name))
    return predictions


class EstimatorSpec(object):
    """What `model_fn` returns: validated as TF 1.15 does (the fields each mode needs, tensors
    of the default graph, a scalar loss)."""

    _fields = ('mode', 'predictions', 'loss', 'train_op', 'eval_metric_ops', 'export_outputs',
               'training_chief_hooks', 'training_hooks', 'scaffold', 'evaluation_hooks',
               'prediction_hooks')

    def __init__(self, mode, predictions=None, loss=None, train_op=None, eval_metric_ops=None,
                 export_outputs=None, training_chief_hooks=None, training_hooks=None,
                 scaffold=None, evaluation_hooks=None, prediction_hooks=None):
        self.mode = mode
        self.train_op = _train_op(train_op, mode)
        self.loss = _loss(loss, mode)
        self.predictions = _predictions(predictions, mode)
        self.eval_metric_ops = dict(eval_metric_ops or {})
        self.export_outputs = export_outputs
        self.training_chief_hooks = tuple(training_chief_hooks or [])
        self.training_hooks = tuple(training_hooks or [])
        self.scaffold = scaffold
        self.evaluation_hooks = tuple(evaluation_hooks or [])
        self.prediction_hooks = tuple(prediction_hooks or [])


class RunConfig(object):
    """An Estimator's configuration: what its graphs read of it (`model_dir`, the graph-level
    random seed) and the rest kept as given."""

    def __init__(self, model_dir=None, tf_random_seed=None, save_summary_steps=100,
                 save_checkpoints_steps=None, save_checkpoints_secs=None, session_config=None,
                 keep_checkpoint_max=5, keep_checkpoint_every_n_hours=10000,
                 log_step_count_steps=100, train_distribute=None, device_fn=None, protocol=None,
                 eval_distribute=None, experimental_distribute=None,
                 experimental_max_worker_delay_secs=None, session_creation_timeout_secs=7200):
        self.model_dir = model_dir
        self.tf_random_seed = tf_random_seed
        self.save_summary_steps = save_summary_steps
        self.save_checkpoints_steps = save_checkpoints_steps
        self.save_checkpoints_secs = save_checkpoints_secs
        self.session_config = session_config
        self.keep_checkpoint_max = keep_checkpoint_max
        self.keep_checkpoint_every_n_hours = keep_checkpoint_every_n_hours
        self.log_step_count_steps = log_step_count_steps
        self.train_distribute = train_distribute
        self.device_fn = device_fn
        self.protocol = protocol
        self.eval_distribute = eval_distribute

    def replace(self, **kwargs):
        config = copy.copy(self)
        for key in kwargs:
            setattr(config, key, kwargs[key])
        return config


def _config(config, model_dir):
    """`maybe_overwrite_model_dir_and_session_config`. (TF makes a temporary folder when neither
    names a model directory; here `model_dir` stays None, as nothing is written.)"""
    if config is None:
        config = RunConfig()
    if not isinstance(config, RunConfig):
        raise ValueError('config must be an instance of `RunConfig`, but provided %s.' % config)
    if model_dir is not None:
        if config.model_dir is not None and config.model_dir != model_dir:
            raise ValueError(
                "`model_dir` are set both in constructor and `RunConfig`, but with "
                "different values. In constructor: '{}', in `RunConfig`: "
                "'{}' ".format(model_dir, config.model_dir))
    if model_dir:
        config = config.replace(model_dir=model_dir)
    return config


def _verify_model_fn_args(model_fn, params):
    args = _support.fn_args(model_fn)
    if 'features' not in args:
        raise ValueError('model_fn (%s) must include features argument.' % model_fn)
    if params is not None and 'params' not in args:
        raise ValueError('model_fn (%s) does not include params argument, '
                         'but params (%s) is passed to Estimator.' % (model_fn, params))
    unexpected = [a for a in args if a not in _VALID_MODEL_FN_ARGS]
    if unexpected:
        raise ValueError('model_fn (%s) has following not expected args: %s'
                         % (model_fn, unexpected))


def _not_run(what):
    raise NotImplementedError(
        'Scope Lens builds the graph an Estimator %s but does not run it (TF runs it in a '
        'tf.train.MonitoredSession); run that graph with a tf.Session instead.' % what)


class Estimator(object):
    """`tf.estimator.Estimator`: a `model_fn` and the graphs it builds."""

    def __init__(self, model_fn, model_dir=None, config=None, params=None,
                 warm_start_from=None):
        self._config = _config(config, model_dir)
        self._model_dir = self._config.model_dir
        if model_fn is None:
            raise ValueError('model_fn must be provided to Estimator.')
        _verify_model_fn_args(model_fn, params)
        self._model_fn = model_fn
        self._params = copy.deepcopy(params or {})
        self._warm_start_from = warm_start_from

    @property
    def model_dir(self):
        return self._model_dir

    @property
    def config(self):
        return copy.deepcopy(self._config)

    @property
    def params(self):
        return copy.deepcopy(self._params)

    @property
    def model_fn(self):
        return self._model_fn

    # -- building a graph ---------------------------------------------------------------------
    def _call_input_fn(self, input_fn, mode):
        args = _support.fn_args(input_fn)
        kwargs = {}
        if 'mode' in args:
            kwargs['mode'] = mode
        if 'params' in args:
            kwargs['params'] = self.params
        if 'config' in args:
            kwargs['config'] = self.config
        # TF calls it under `tf.device('/cpu:0')`, which names nothing.
        return input_fn(**kwargs)

    def _features_and_labels(self, input_fn, mode):
        """`parse_input_fn_result`: a Dataset's next element, or what `input_fn` returned."""
        result = self._call_input_fn(input_fn, mode)
        if _support.is_dataset(result):
            result = tf.data.make_initializable_iterator(result).get_next()
        if isinstance(result, (list, tuple)):
            if len(result) != 2:
                raise ValueError('input_fn should return (features, labels) as a len 2 tuple.')
            return result[0], result[1]
        return result, None

    def _call_model_fn(self, features, labels, mode, config):
        args = _support.fn_args(self._model_fn)
        kwargs = {}
        if 'labels' in args:
            kwargs['labels'] = labels
        elif labels is not None:
            raise ValueError('model_fn does not take labels, but input_fn returns labels.')
        if 'mode' in args:
            kwargs['mode'] = mode
        if 'params' in args:
            kwargs['params'] = self.params
        if 'config' in args:
            kwargs['config'] = config
        spec = self._model_fn(features=features, **kwargs)
        if not isinstance(spec, EstimatorSpec):
            raise ValueError('model_fn should return an EstimatorSpec.')
        return spec

    def _start_graph(self, graph):
        """What every mode's graph begins with: the graph-level seed and the global step (with
        its read, `global_step/add`, which TF makes for the train graph)."""
        tf.set_random_seed(self._config.tf_random_seed)
        return tf.train.create_global_step()

    # -- the three modes ----------------------------------------------------------------------
    def train(self, input_fn, hooks=None, steps=None, max_steps=None, saving_listeners=None):
        if steps is not None and max_steps is not None:
            raise ValueError('Can not provide both steps and max_steps.')
        if steps is not None and steps <= 0:
            raise ValueError('Must specify steps > 0, given: {}'.format(steps))
        if max_steps is not None and max_steps <= 0:
            raise ValueError('Must specify max_steps > 0, given: {}'.format(max_steps))
        with tf.Graph().as_default() as g:
            global_step = self._start_graph(g)
            with tf.name_scope(None):
                with tf.name_scope(global_step.op.name + '/'):
                    global_step + 0
            features, labels = self._features_and_labels(input_fn, ModeKeys.TRAIN)
            spec = self._call_model_fn(features, labels, ModeKeys.TRAIN, self.config)
            summaries = tf.get_collection(tf.GraphKeys.SUMMARIES)
            if not any([s.op.name == 'loss' for s in summaries]):
                tf.summary.scalar('loss', spec.loss)
            tf.add_to_collection(tf.GraphKeys.LOSSES, spec.loss)
            _not_run('trains')
        return self

    def evaluate(self, input_fn, steps=None, hooks=None, checkpoint_path=None, name=None):
        if steps is not None and steps <= 0:
            raise ValueError('Must specify steps > 0, given: {}'.format(steps))
        with tf.Graph().as_default() as g:
            self._start_graph(g)
            features, labels = self._features_and_labels(input_fn, ModeKeys.EVAL)
            spec = self._call_model_fn(features, labels, ModeKeys.EVAL, self.config)
            metrics = dict(spec.eval_metric_ops)
            if 'loss' in metrics:
                raise ValueError(
                    'Metric with name "loss" is not allowed, because Estimator already '
                    'defines a default metric with the same name.')
            metrics['loss'] = tf.metrics.mean(spec.loss)
            if tf.GraphKeys.GLOBAL_STEP in metrics:
                raise ValueError(
                    'Metric with name `global_step` is not allowed, because Estimator '
                    'already defines a default metric with the same name.')
            # `_get_or_create_eval_step`: the one in EVAL_STEP, else a new local variable.
            steps_made = tf.get_collection(tf.GraphKeys.EVAL_STEP)
            if len(steps_made) > 1:
                raise ValueError('Multiple tensors added to tf.GraphKeys.EVAL_STEP')
            if not steps_made:
                tf.get_variable('eval_step', shape=[], dtype=tf.int64,
                                initializer=tf.zeros_initializer(), trainable=False,
                                collections=[tf.GraphKeys.LOCAL_VARIABLES,
                                             tf.GraphKeys.EVAL_STEP])
            _not_run('evaluates')
        return {}

    def predict(self, input_fn, predict_keys=None, hooks=None, checkpoint_path=None,
                yield_single_examples=True):
        with tf.Graph().as_default() as g:
            self._start_graph(g)
            # TF's `_get_features_from_input_fn`: the input parsed as for the other modes, the
            # labels dropped.
            features, _ = self._features_and_labels(input_fn, ModeKeys.PREDICT)
            spec = self._call_model_fn(features, None, ModeKeys.PREDICT, self.config)
            predictions = spec.predictions
            if predict_keys:
                if not isinstance(predictions, dict):
                    raise ValueError('predict_keys argument is not valid in case of non-dict '
                                     'predictions.')
                kept = {}
                for key in predictions:
                    if key in predict_keys:
                        kept[key] = predictions[key]
                if not kept:
                    raise ValueError('Expected to run at least one output from %s, '
                                     'provided %s.' % (predictions.keys(), predict_keys))
            _not_run('predicts with')
        return iter([])


class TrainSpec(object):
    def __init__(self, input_fn, max_steps=None, hooks=None):
        if not callable(input_fn):
            raise TypeError('`input_fn` must be callable, given: {}'.format(input_fn))
        if max_steps is not None and max_steps <= 0:
            raise ValueError('Must specify max_steps > 0, given: {}'.format(max_steps))
        self.input_fn = input_fn
        self.max_steps = max_steps
        self.hooks = tuple(hooks or [])


class EvalSpec(object):
    def __init__(self, input_fn, steps=100, name=None, hooks=None, exporters=None,
                 start_delay_secs=120, throttle_secs=600):
        if not callable(input_fn):
            raise TypeError('`input_fn` must be callable, given: {}'.format(input_fn))
        if steps is not None and steps <= 0:
            raise ValueError('Must specify steps > 0, given: {}'.format(steps))
        if name is not None and not isinstance(name, str):
            raise TypeError('`name` must be string, given: {}'.format(name))
        if start_delay_secs < 0:
            raise ValueError(
                'Must specify start_delay_secs >= 0, given: {}'.format(start_delay_secs))
        if throttle_secs < 0:
            raise ValueError('Must specify throttle_secs >= 0, given: {}'.format(throttle_secs))
        self.input_fn = input_fn
        self.steps = steps
        self.name = name
        self.hooks = tuple(hooks or [])
        self.exporters = exporters
        self.start_delay_secs = start_delay_secs
        self.throttle_secs = throttle_secs


def train_and_evaluate(estimator, train_spec, eval_spec):
    """Run locally (no `TF_CONFIG`), TF trains first: the train graph is built and run."""
    if not isinstance(eval_spec, EvalSpec):
        raise TypeError('`eval_spec` must have type `tf.estimator.EvalSpec`. '
                        'Got: {}'.format(type(eval_spec)))
    if not isinstance(estimator, Estimator):
        raise TypeError('`estimator` must have type `tf.estimator.Estimator`. '
                        'Got: {}'.format(type(estimator)))
    if not isinstance(train_spec, TrainSpec):
        raise TypeError('`train_spec` must have type `tf.estimator.TrainSpec`. '
                        'Got: {}'.format(type(train_spec)))
    estimator.train(input_fn=train_spec.input_fn, max_steps=train_spec.max_steps,
                    hooks=list(train_spec.hooks))
    return None, []


def _target_key(keys):
    key = '__target_key__'
    while key in keys:
        key += '_n'
    return key


def numpy_input_fn(x, y=None, batch_size=128, num_epochs=1, shuffle=None, queue_capacity=1000,
                   num_threads=1):
    """`tf.estimator.inputs.numpy_input_fn` (TF 1.15 `numpy_io.py`): an input function giving
    batches of NumPy arrays' rows (a dict of features, or the one array's tensor, and the
    targets) through a queue: `dequeue_many` of `batch_size` rows with `num_epochs=None`, else
    `dequeue_up_to` (an unknown first dimension). The queue is `_support.queue_batch`: the
    runtime does not implement queues."""
    if not isinstance(shuffle, bool):
        raise ValueError('shuffle must be provided and explicitly set as boolean '
                         '(it is recommended to set it as True for training); '
                         'got {}'.format(shuffle))

    def input_fn():
        import numpy as np
        if isinstance(x, dict):
            if not x:
                raise ValueError('x cannot be an empty dict')
            feature_keys = sorted(x.keys())
            columns = [[k, x[k]] for k in feature_keys]
        elif isinstance(x, np.ndarray):
            if x.size == 0:
                raise ValueError('x cannot be an empty array')
            feature_keys = ['__direct_np_input__']
            columns = [['__direct_np_input__', x]]
        else:
            raise TypeError('x must be a dict or array; got {}'.format(type(x).__name__))
        # Labels the analyzer does not know (`mnist.train.labels`, what a loader it does not
        # model returned) are taken as an array: a program means no labels by None itself.
        y_known = _support.known(y)
        if y_known and y is None:
            target_keys = None
        elif y_known and isinstance(y, dict):
            if not y:
                raise ValueError('y cannot be empty dict, use None instead.')
            target_keys = sorted(y.keys())
            duplicate_keys = set(feature_keys).intersection(set(target_keys))
            if duplicate_keys:
                raise ValueError('{} duplicate keys are found in both x and y: '
                                 '{}'.format(len(duplicate_keys), duplicate_keys))
            columns = columns + [[k, y[k]] for k in target_keys]
        else:
            target_keys = _target_key(feature_keys)
            columns = columns + [[target_keys, y]]
        if len(set(c[1].shape[0] for c in columns)) != 1:
            shapes = dict((c[0], c[1].shape) for c in columns)
            shape_dict_of_x = dict((k, shapes[k]) for k in feature_keys)
            if target_keys is None:
                shape_of_y = None
            elif isinstance(target_keys, str):
                shape_of_y = y.shape
            else:
                shape_of_y = dict((k, shapes[k]) for k in target_keys)
            raise ValueError('Length of tensors in x and y is mismatched. All '
                             'elements in x and y must have the same length.\n'
                             'Shapes in x: {}\n'
                             'Shapes in y: {}\n'.format(shape_dict_of_x, shape_of_y))
        batch = _support.queue_batch([c[1] for c in columns], batch_size, num_epochs is None)
        if isinstance(x, np.ndarray):
            features = batch[0]
        else:
            features = {}
            for i in range(len(feature_keys)):
                features[feature_keys[i]] = batch[i]
        if target_keys is None:
            return features
        if isinstance(target_keys, str):
            return features, batch[-1]
        targets = {}
        for i in range(len(target_keys)):
            targets[target_keys[i]] = batch[len(feature_keys) + i]
        return features, targets

    return input_fn
