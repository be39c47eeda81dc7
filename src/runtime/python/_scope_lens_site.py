"""Imported by the runner before each program: packages TF1 programs often import that Scope
Lens's runtime does not have fail with CPython's ``ModuleNotFoundError``, with a sentence
saying why.

The finder's code is compiled under the file name of importlib's bootstrap module, whose frames
CPython removes from the traceback of an ImportError, so the error looks as CPython's own
``No module named ...`` does: the user's ``import`` line, then the error.
"""

import sys as _sys

MISSING = {
    'scipy': 'SciPy',
    'cv2': 'OpenCV',
    'PIL': 'Pillow',
    'sklearn': 'scikit-learn',
    'matplotlib': 'Matplotlib',
    'pandas': 'pandas',
}

_FINDER_SOURCE = '''
class MissingPackageFinder:
    """A meta path finder that refuses the packages of MISSING."""

    def find_spec(self, fullname, path=None, target=None):
        top = fullname.partition('.')[0]
        if top in MISSING:
            raise ModuleNotFoundError(
                "No module named %r (not available in Scope Lens's runtime: it runs TF1 "
                "programs in Pyodide with its own tensorflow, numpy and six only; %s cannot "
                "be installed there)" % (top, MISSING[top]), name=top)
        return None
'''

_namespace = {'MISSING': MISSING, '__name__': __name__}
exec(compile(_FINDER_SOURCE, '<frozen importlib._bootstrap>', 'exec'), _namespace)
MissingPackageFinder = _namespace['MissingPackageFinder']

if not any(type(f).__name__ == 'MissingPackageFinder' for f in _sys.meta_path):
    _sys.meta_path.append(MissingPackageFinder())

# CPython's os on Linux: errno numbers and messages, os._exit, deep recursion.
import _scope_lens_os  # noqa: E402,F401
