/**
 * The Python half of the Python host: the code that runs a user's program inside Pyodide, as
 * CPython runs a script (`python FILE`), with a fresh `__main__` per run.
 *
 * `run(args_json)` takes one JSON object (see `PythonRunArgs`) and returns a JSON result
 * (`WorkerRunResult`): both cross the JS/Python boundary as strings, so no proxies are created
 * per run. What it does, in order:
 *
 * 1. Sets up the run: `sys.path` = the program's folder (as in CPython), then Scope Lens's
 *    packages, then the standard library (reset from a snapshot every run); `sys.argv`; the
 *    working directory;
 *    invalidates the import caches (files in the user's folder may have changed).
 * 2. Resets the `tensorflow` package if a previous run imported it (`_reset_for_run()`).
 * 3. Compiles the code padded with `firstLine - 1` newlines, so line numbers are the lines of
 *    the file the snippet came from, and registers that text with `linecache` so tracebacks
 *    show the source lines. A `SyntaxError` is printed as CPython prints it (no traceback).
 * 4. Executes it in a new `__main__` module. An uncaught exception is printed as CPython prints
 *    it, without the runner's own frame and without the frames of Scope Lens's packages
 *    (`hidden_dirs`: the `tensorflow` module's internals, such as the engine call re-raising an
 *    engine error): the user's frames, then the exception, as TF 1.15 prints it with its own
 *    frames left out; `SystemExit` ends the run quietly (its code decides the
 *    exit status; a string is printed).
 * 5. Cleans up: stdout/stderr are flushed; the old `__main__` is restored and the user's
 *    globals cleared; every module imported from the user's folders leaves `sys.modules`; the
 *    linecache entry goes; `sys.path`, `sys.argv`, `sys.stdout`/`stderr`/`stdin`, `os.environ`,
 *    the recursion limit and the working directory are restored. (Standard-library modules stay
 *    imported, with whatever state a program left in them, e.g. `random`'s seed.)
 *
 * Paths inside Pyodide (the FS the user's folders are mounted into) are mapped back to the
 * host's paths in everything printed or returned, so tracebacks name the real files.
 */

/** The arguments `run` receives (as JSON). Paths are Pyodide paths unless named `host`. */
export interface PythonRunArgs {
  readonly code: string;
  /** The file name the code is compiled with (a Pyodide path, or a virtual name like `<stdin>`). */
  readonly filename: string;
  readonly first_line: number;
  /** Put in front of `sys.path`, in order. */
  readonly path_front: readonly string[];
  /** Folders whose modules belong to the user (removed from `sys.modules` after the run). */
  readonly user_dirs: readonly string[];
  /** Folders whose frames tracebacks leave out (Scope Lens's own packages). */
  readonly hidden_dirs: readonly string[];
  /** `[pyodidePrefix, hostPrefix]` pairs, longest prefix first. */
  readonly mapping: readonly (readonly [string, string])[];
  readonly host_sep: string;
  /** `sys.argv`. */
  readonly argv: readonly string[];
  /** Working directory (a Pyodide path), or null to stay where Pyodide starts. */
  readonly cwd: string | null;
}

/** The filename the runner's own code is compiled with; its frames never appear in a traceback. */
export const RUNNER_FILENAME = '<scope-lens-runner>';

/**
 * Evaluates to a dict `{'run': ..., 'stats': ...}` (the last expression of the source). Runs once
 * per Pyodide instance, right after it loads.
 */
export const PYTHON_RUNNER_SOURCE = String.raw`
import builtins as _builtins
import gc as _gc
import importlib as _importlib
import json as _json
import linecache as _linecache
import os as _os
import sys as _sys
import traceback as _traceback
import types as _types


def _make_runner():
    base_path = list(_sys.path)
    base_environ = dict(_os.environ)
    base_recursion_limit = _sys.getrecursionlimit()
    home = _os.getcwd()

    def host_name(filename, mapping, sep):
        if not isinstance(filename, str):
            return filename
        for py, host in mapping:
            if filename == py or filename.startswith(py + '/'):
                rest = filename[len(py):]
                return host + (rest.replace('/', sep) if sep != '/' else rest)
        return filename

    def under(filename, dirs):
        return isinstance(filename, str) and any(
            filename == d or filename.startswith(d + '/') for d in dirs
        )

    def map_traceback(te, mapping, sep, seen, hidden):
        # Rewrites every file name of a TracebackException (and its chain) to the host's path,
        # leaving out the frames in hidden folders. The source lines are read when the
        # TracebackException is built, so renaming is safe.
        if te is None or id(te) in seen:
            return
        seen.add(id(te))
        if hidden:
            te.stack = _traceback.StackSummary.from_list(
                [f for f in te.stack if not under(f.filename, hidden)])
        for frame in te.stack:
            frame.filename = host_name(frame.filename, mapping, sep)
        if getattr(te, 'filename', None) is not None:
            te.filename = host_name(te.filename, mapping, sep)
        map_traceback(te.__cause__, mapping, sep, seen, hidden)
        map_traceback(te.__context__, mapping, sep, seen, hidden)
        for sub in getattr(te, 'exceptions', None) or ():
            map_traceback(sub, mapping, sep, seen, hidden)

    def report(exc, tb, args):
        # Prints exc as CPython prints an uncaught exception; returns the RunError for it.
        mapping, sep = args['mapping'], args['host_sep']
        te = _traceback.TracebackException(type(exc), exc, tb, compact=True)
        location = {}
        if isinstance(exc, SyntaxError):
            if exc.lineno is not None:
                location = {
                    'file': host_name(exc.filename, mapping, sep),
                    'line': exc.lineno,
                    'column': exc.offset or 0,
                }
        else:
            # The innermost frame in the run's file; else the innermost in the user's folders.
            frames = list(te.stack)
            pick = None
            for frame in reversed(frames):
                if frame.filename == args['filename']:
                    pick = frame
                    break
            if pick is None:
                for frame in reversed(frames):
                    if under(frame.filename, args['user_dirs']):
                        pick = frame
                        break
            if pick is not None and pick.lineno is not None:
                colno = getattr(pick, 'colno', None)
                location = {
                    'file': host_name(pick.filename, mapping, sep),
                    'line': pick.lineno,
                    'column': colno + 1 if colno is not None else 0,
                }
        map_traceback(te, mapping, sep, set(), args.get('hidden_dirs') or [])
        try:
            text = ''.join(te.format())
        except Exception:
            text = ''.join(_traceback.format_exception_only(type(exc), exc))
        _sys.stderr.write(text)
        message = exc.msg if isinstance(exc, SyntaxError) and exc.msg is not None else str(exc)
        error = {'type': type(exc).__name__, 'message': message}
        error.update(location)
        return error

    def reset_tensorflow():
        # The packages a previous run imported start each run as freshly imported.
        for name in ('tensorflow', 'numpy'):
            mod = _sys.modules.get(name)
            hook = getattr(mod, '_reset_for_run', None) if mod is not None else None
            if callable(hook):
                hook()

    def cleanup(args, main):
        for stream in (_sys.stdout, _sys.stderr, _sys.__stdout__, _sys.__stderr__):
            try:
                stream.flush()
            except Exception:
                pass
        # What a program may rebind or change in the interpreter goes back as it was.
        _sys.stdout, _sys.stderr, _sys.stdin = _sys.__stdout__, _sys.__stderr__, _sys.__stdin__
        if dict(_os.environ) != base_environ:
            _os.environ.clear()
            _os.environ.update(base_environ)
        _sys.setrecursionlimit(base_recursion_limit)
        _sys.modules['__main__'] = original_main
        main.__dict__.clear()
        user_dirs = args['user_dirs']
        if user_dirs:
            for name, module in list(_sys.modules.items()):
                try:
                    path = getattr(module, '__file__', None)
                    if path is None:
                        paths = list(getattr(module, '__path__', None) or ())
                        mine = bool(paths) and all(under(p, user_dirs) for p in paths)
                    else:
                        mine = under(path, user_dirs)
                except Exception:
                    mine = False
                if mine:
                    del _sys.modules[name]
            for key in list(_sys.path_importer_cache):
                if under(key, user_dirs):
                    del _sys.path_importer_cache[key]
        _linecache.cache.pop(args['filename'], None)
        _sys.path[:] = base_path
        _sys.argv[:] = ['']
        try:
            _os.chdir(home)
        except OSError:
            pass

    original_main = _sys.modules['__main__']

    def run(args_json):
        args = _json.loads(args_json)
        main = _types.ModuleType('__main__')
        try:
            result = execute(args, main)
        finally:
            cleanup(args, main)
        if result.get('error', {}).get('type') == 'MemoryError':
            # What the program held is gone now (cleanup); free it before building the result.
            _gc.collect()
        return _json.dumps(result)

    def execute(args, main):
        filename = args['filename']
        source = '\n' * (args['first_line'] - 1) + args['code']
        main.__file__ = filename
        main.__builtins__ = _builtins
        main.__spec__ = None
        main.__loader__ = None
        result = {'exitCode': 0}
        _sys.path[:] = list(args['path_front']) + base_path
        _sys.argv[:] = list(args['argv'])
        if args['cwd'] is not None:
            _os.chdir(args['cwd'])
        _importlib.invalidate_caches()
        if '_scope_lens_site' not in _sys.modules and args['path_front']:
            try:
                _importlib.import_module('_scope_lens_site')
            except ImportError:
                pass
        _linecache.cache[filename] = (len(source), None, source.splitlines(True), filename)
        try:
            reset_tensorflow()
        except BaseException as exc:
            _sys.stderr.write('scope-lens: resetting the tensorflow package failed:\n')
            return {'exitCode': 1, 'error': report(exc, exc.__traceback__, args)}
        try:
            code = compile(source, filename, 'exec', dont_inherit=True)
        except SyntaxError as exc:
            return {'exitCode': 1, 'error': report(exc, None, args)}
        _sys.modules['__main__'] = main
        try:
            exec(code, main.__dict__)
        except SystemExit as exc:
            status = exc.code
            if status is None or status == 0:
                pass
            else:
                if not isinstance(status, int):
                    _sys.stderr.write(str(status) + '\n')
                result = {
                    'exitCode': 1,
                    'error': {'type': 'SystemExit', 'message': str(status)},
                }
        except BaseException as exc:
            # The first traceback entry is this function's exec call: drop it.
            result = {'exitCode': 1, 'error': report(exc, exc.__traceback__.tb_next, args)}
        return result

    def stats(collect):
        if collect:
            _gc.collect()
        return len(_gc.get_objects())

    return {'run': run, 'stats': stats}


_sys.dont_write_bytecode = True
for _stream in (_sys.stdout, _sys.stderr):
    _stream.reconfigure(line_buffering=True)
del _stream
_make_runner()
`;
