"""`tf.errors`: TensorFlow's runtime exception classes, as TF 1.15 names them."""
from . import _engine


class OpError(Exception):
    """Base class of the errors a Session raises while running ops."""

    def __init__(self, node_def=None, op=None, message="", error_code=None):
        super().__init__(message)
        self.node_def = node_def
        self.op = op
        self.message = message
        self.error_code = error_code

    def __str__(self):
        return self.message


def _op_error(name, code):
    def __init__(self, node_def=None, op=None, message=""):
        OpError.__init__(self, node_def, op, message, code)

    return type(name, (OpError,), {"__init__": __init__})


CancelledError = _op_error("CancelledError", 1)
UnknownError = _op_error("UnknownError", 2)
InvalidArgumentError = _op_error("InvalidArgumentError", 3)
DeadlineExceededError = _op_error("DeadlineExceededError", 4)
NotFoundError = _op_error("NotFoundError", 5)
AlreadyExistsError = _op_error("AlreadyExistsError", 6)
PermissionDeniedError = _op_error("PermissionDeniedError", 7)
ResourceExhaustedError = _op_error("ResourceExhaustedError", 8)
FailedPreconditionError = _op_error("FailedPreconditionError", 9)
AbortedError = _op_error("AbortedError", 10)
OutOfRangeError = _op_error("OutOfRangeError", 11)
UnimplementedError = _op_error("UnimplementedError", 12)
InternalError = _op_error("InternalError", 13)
UnavailableError = _op_error("UnavailableError", 14)
DataLossError = _op_error("DataLossError", 15)
UnauthenticatedError = _op_error("UnauthenticatedError", 16)

# Where TF 1.15 defines them, which is what a traceback prints before the message.
for _cls in (OpError, CancelledError, UnknownError, InvalidArgumentError, DeadlineExceededError,
             NotFoundError, AlreadyExistsError, PermissionDeniedError, ResourceExhaustedError,
             FailedPreconditionError, AbortedError, OutOfRangeError, UnimplementedError,
             InternalError, UnavailableError, DataLossError, UnauthenticatedError):
    _cls.__module__ = "tensorflow.python.framework.errors_impl"
del _cls

_engine.register_error("ValueError", ValueError)
_engine.register_error("TypeError", TypeError)
_engine.register_error("NotImplementedError", NotImplementedError)
_engine.register_error("AssertionError", AssertionError)
_engine.register_error("RangeError", RecursionError)
# The engine's memory budget (src/engine/memory.ts): TF's OOM, an OpError.
_engine.register_error("ResourceExhaustedError",
                       lambda message: ResourceExhaustedError(None, None, message))
