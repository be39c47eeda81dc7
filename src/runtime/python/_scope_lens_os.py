"""Imported by the runner before the first program: what CPython on Linux does where Pyodide
differs, for the ``os`` and ``sys`` calls programs make.

Pyodide is built with Emscripten's errno numbers (ENOENT is 44 there, 2 is EACCES), so an
``open()`` of a missing file says ``[Errno 44] No such file or directory``. CPython on Linux
says ``[Errno 2] No such file or directory: 'x'``, and programs compare ``e.errno`` with
``errno.EEXIST``. So the ``errno`` module's common names get Linux's numbers, ``os.strerror``
glibc's text for them, and the file functions of ``os`` and ``open`` give their ``OSError``
those numbers and messages (``FileNotFoundError.errno``, ``str(e)`` and tracebacks alike).
An error that reaches the program some other way keeps Emscripten's number.

``os._exit(n)`` would end Emscripten's runtime (and Pyodide with it): it ends the program with
status ``n`` as ``sys.exit(n)`` does. ``sys.setrecursionlimit`` takes any limit, but Python
recursion deeper than ``MAX_RECURSION`` frames would overflow the worker's stack when the
frames are freed, so the interpreter's limit stays at most that (``getrecursionlimit`` still
says what the program set): a runaway recursion is a RecursionError there.
"""

import builtins as _builtins
import errno as _errno
import functools as _functools
import io as _io
import os as _os
import sys as _sys

MAX_RECURSION = 100000

# name: (Linux's number, glibc's strerror)
_LINUX = {
    'EPERM': (1, 'Operation not permitted'),
    'ENOENT': (2, 'No such file or directory'),
    'EIO': (5, 'Input/output error'),
    'EBADF': (9, 'Bad file descriptor'),
    'EACCES': (13, 'Permission denied'),
    'EBUSY': (16, 'Device or resource busy'),
    'EEXIST': (17, 'File exists'),
    'EXDEV': (18, 'Invalid cross-device link'),
    'ENOTDIR': (20, 'Not a directory'),
    'EISDIR': (21, 'Is a directory'),
    'EINVAL': (22, 'Invalid argument'),
    'EMFILE': (24, 'Too many open files'),
    'ENOSPC': (28, 'No space left on device'),
    'EROFS': (30, 'Read-only file system'),
    'ENAMETOOLONG': (36, 'File name too long'),
    'ENOTEMPTY': (39, 'Directory not empty'),
    'ELOOP': (40, 'Too many levels of symbolic links'),
}

_strerror = _os.strerror
# Emscripten's number → (Linux's number, message); read before the module is changed.
_FROM_EMSCRIPTEN = {getattr(_errno, name): linux for name, linux in _LINUX.items()
                    if hasattr(_errno, name)}
_MESSAGES = dict(_LINUX.values())


def _to_linux(exc):
    """Gives an OSError from Pyodide Linux's errno and message (once)."""
    if isinstance(exc, OSError) and not exc.__dict__.get('_linux_errno'):
        exc.__dict__['_linux_errno'] = True
        linux = _FROM_EMSCRIPTEN.get(exc.errno)
        if linux is not None:
            exc.errno, exc.strerror = linux
    return exc


def _wrap(fn):
    @_functools.wraps(fn)
    def call(*args, **kwargs):
        try:
            return fn(*args, **kwargs)
        except OSError as exc:
            _to_linux(exc)
            raise

    call.__wrapped_errno__ = fn
    return call


def strerror(code):
    """`os.strerror` with glibc's text for the numbers the errno module now has."""
    message = _MESSAGES.get(code)
    return message if message is not None else _strerror(code)


def _install():
    if getattr(_os, '_scope_lens_errno', False):
        return
    _os._scope_lens_errno = True
    for name, (number, _message) in _LINUX.items():
        if not hasattr(_errno, name):
            continue
        _errno.errorcode.pop(getattr(_errno, name), None)
        setattr(_errno, name, number)
    for name, (number, _message) in _LINUX.items():
        _errno.errorcode[number] = name
    _os.strerror = strerror
    sets = [getattr(_os, s) for s in ('supports_dir_fd', 'supports_fd',
                                      'supports_follow_symlinks', 'supports_effective_ids')
            if isinstance(getattr(_os, s, None), set)]
    for name in ('stat', 'lstat', 'listdir', 'scandir', 'mkdir', 'rmdir', 'remove', 'unlink',
                 'rename', 'replace', 'chdir', 'open', 'readlink', 'symlink', 'link', 'chmod',
                 'utime', 'truncate', 'getcwd', 'fstat', 'read', 'write', 'close', 'lseek',
                 'ftruncate', 'statvfs', 'chown', 'lchown', 'mkfifo', 'access'):
        fn = getattr(_os, name, None)
        if fn is None:
            continue
        wrapped = _wrap(fn)
        setattr(_os, name, wrapped)
        for s in sets:
            if fn in s:
                s.add(wrapped)
    opener = _wrap(_io.open)
    _io.open = opener
    _builtins.open = opener
    _os._exit = _exit
    _sys.setrecursionlimit = setrecursionlimit
    _sys.getrecursionlimit = getrecursionlimit


def _exit(status):
    """`os._exit(status)`: the program ends with that status (here: as `sys.exit` ends it)."""
    raise SystemExit(status)


_set_limit = _sys.setrecursionlimit
_requested = [_sys.getrecursionlimit()]


def setrecursionlimit(limit):
    """`sys.setrecursionlimit`, with the interpreter's limit at most MAX_RECURSION."""
    _set_limit(limit)  # CPython's checks and errors for the value
    _requested[0] = limit
    if limit > MAX_RECURSION:
        _set_limit(MAX_RECURSION)


def getrecursionlimit():
    return _requested[0]


_install()
