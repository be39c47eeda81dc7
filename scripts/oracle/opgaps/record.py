"""Records test/runtime/opgaps/*.expected: what real TensorFlow prints for each program (the
ops TF builds for tf.sort/argsort, top_k, scatter_nd/gather_nd and their gradients, values).

Running it, from the project root (the oracle is TF 2.21's compat.v1 in graph mode, see
/work/shared/notes/real-tensorflow-oracle.md):
  /work/.tf-oracle/bin/python scripts/oracle/opgaps/record.py [name ...]

It is scripts/oracle/graph-ops/record.py over another folder: the same `# oracle-override:`
lines for where TF 2.21 builds another graph than TF 1.15.
"""
import importlib.util
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
spec = importlib.util.spec_from_file_location(
    "graph_ops_record", os.path.join(HERE, "..", "graph-ops", "record.py"))
recorder = importlib.util.module_from_spec(spec)
spec.loader.exec_module(recorder)
recorder.DIR = os.path.join(recorder.ROOT, "test", "runtime", "opgaps")

if __name__ == "__main__":
    recorder.main(sys.argv[1:])
