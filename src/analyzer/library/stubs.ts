/**
 * Python modules the analyzer reads instead of the real ones, as a type checker reads stubs:
 * command-line options, configuration namespaces (\`types.SimpleNamespace\`) and \`six\`. A
 * TF1 program's layer widths, flags and switches mostly come from `argparse` or `tf.app.flags`
 * (= `absl.flags`); the analyzer takes each option's **default**, what the program gets when
 * it runs without arguments. An option without a default is not
 * known (not None: scripts check required paths and exit, which would hide the whole model).
 * The runtime runs the real modules.
 *
 * These are analyzer-only and written in the analyzable subset the layer libraries use.
 */
import type { Module } from '../ir';
import { lowerPython } from '../python/lower';

// \`_UNSET\` is None marked as an option's default the command line did not give
// (values.ts \`UNSET_OPTION\`, bound when the stub is loaded).
const ARGPARSE = `
_UNSET = None


class Namespace(object):
    def __init__(self, **kwargs):
        for key in kwargs:
            setattr(self, key, kwargs[key])


class ArgumentParser(object):
    def __init__(self, *args, **kwargs):
        self._defaults = {}

    def add_argument(self, *names, **kwargs):
        dest = kwargs.get('dest')
        if dest is None:
            longs = [n for n in names if n.startswith('--')]
            first = longs[0] if longs else names[0]
            dest = first.lstrip('-').replace('-', '_')
        action = kwargs.get('action')
        if 'default' in kwargs:
            value = kwargs['default']
            if value is None:
                value = _UNSET
            kind = kwargs.get('type')
            if isinstance(value, str) and kind is not None:
                value = kind(value)
        elif action == 'store_true':
            value = False
        elif action == 'store_false':
            value = True
        else:
            # No default: what the user passes is not known (argparse would give None when the
            # option is left out, and scripts often stop then: the analysis would see nothing).
            return None
        self._defaults[dest] = value
        return None

    def add_argument_group(self, *args, **kwargs):
        return self

    def add_mutually_exclusive_group(self, *args, **kwargs):
        return self

    def set_defaults(self, **kwargs):
        for key in kwargs:
            self._defaults[key] = kwargs[key]

    def parse_args(self, args=None, namespace=None):
        ns = namespace if namespace is not None else Namespace()
        for key in self._defaults:
            setattr(ns, key, self._defaults[key])
        return ns

    def parse_known_args(self, args=None, namespace=None):
        return self.parse_args(args, namespace), []

    def print_help(self, *args, **kwargs):
        return None

    def error(self, message):
        raise SystemExit(2)


ArgumentDefaultsHelpFormatter = object
RawTextHelpFormatter = object
RawDescriptionHelpFormatter = object
`;

const FLAGS = `
_UNSET = None


class FlagValues(object):
    def __call__(self, *args, **kwargs):
        return []


FLAGS = FlagValues()


def _define(name, default, *args, **kwargs):
    setattr(FLAGS, name, _UNSET if default is None else default)


DEFINE_string = _define
DEFINE_integer = _define
DEFINE_float = _define
DEFINE_boolean = _define
DEFINE_bool = _define
DEFINE_enum = _define
DEFINE_list = _define
DEFINE_multi_string = _define
DEFINE_multi_integer = _define
DEFINE_multi_float = _define
DEFINE_spaceseplist = _define
`;

// Configuration objects: \`types.SimpleNamespace(n_embd=768)\` holds its keyword arguments as
// attributes. The module's other names are not known.
const TYPES = `
class SimpleNamespace(object):
    def __init__(self, **kwargs):
        for key in kwargs:
            setattr(self, key, kwargs[key])
`;

// `six`, which TF1-era model code imports for its Python 2/3 checks (BERT's
// `isinstance(x, six.string_types)`): Python 3's answers.
const SIX = `
PY2 = False
PY3 = True
string_types = (str,)
integer_types = (int,)
text_type = str
binary_type = bytes


def iteritems(d, **kwargs):
    return iter(d.items())


def itervalues(d, **kwargs):
    return iter(d.values())


def iterkeys(d, **kwargs):
    return iter(d.keys())
`;

/** Module name → Python text. */
export const STUB_SOURCES: Readonly<Record<string, string>> = {
  argparse: ARGPARSE,
  types: TYPES,
  six: SIX,
  absl: '',
  'absl.flags': FLAGS,
};

/** The file name a stub module runs under (never a user location). */
export function stubFile(name: string): string {
  return `<scope-lens>/stubs/${name.split('.').join('/')}.py`;
}

const lowered = new Map<string, Module>();

/** The IR of stub module `name` (lowered once per process), or undefined. */
export function stubModule(name: string): Module | undefined {
  const text = STUB_SOURCES[name];
  if (text === undefined) return undefined;
  let m = lowered.get(name);
  if (!m) {
    m = lowerPython(text).module;
    lowered.set(name, m);
  }
  return m;
}
