# six, as TF1-era code uses it (Python 3 branch).
import six
from six.moves import cPickle, map, range, xrange, zip
from six.moves import urllib
from six.moves.urllib.parse import urlencode

print(six.PY2, six.PY3, six.string_types, six.integer_types, six.text_type, six.binary_type)
print(list(range(3)), list(xrange(2)), list(zip('ab', [1, 2])), list(map(str, [1, 2])))
print(cPickle.loads(cPickle.dumps({'a': [1, 2]})), urlencode({'q': 'a b'}), urllib.parse.quote('x/y z'))
d = {'b': 2, 'a': 1}
print(sorted(six.iteritems(d)), sorted(six.itervalues(d)), sorted(six.iterkeys(d)))
print(isinstance('x', six.string_types), isinstance(3, six.integer_types))


class Meta(type):
    def __new__(mcs, name, bases, body):
        body['tag'] = name.lower()
        return super().__new__(mcs, name, bases, body)


class Base(six.with_metaclass(Meta, object)):
    pass


@six.add_metaclass(Meta)
class Other(object):
    x = 1


print(type(Base).__name__, Base.tag, Base.__mro__[1:], type(Other).__name__, Other.tag, Other.x)
print(six.b('abc'), six.u('abc'), six.ensure_str(b'xy'), six.ensure_binary('xy'))
