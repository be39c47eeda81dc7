"""Runs many generated programs under real TensorFlow in one process, for the differential
harness (test/oracle/harness.ts).

  .tf-oracle/bin/python scripts/oracle/batch.py PROGRAMS_DIR RESULTS.jsonl
  .tf-oracle/bin/python scripts/oracle/batch.py --serve

With --serve it imports TensorFlow once and then reads requests from stdin, one a line:
"PROGRAMS_DIR<TAB>RESULTS.jsonl"; it answers each with a line "done" on stdout when RESULTS
is written (importing TF takes seconds; a minimisation asks for many small batches).

Every `*.py` in PROGRAMS_DIR runs in a fresh default graph, as record.py runs the corpus (see
its header for the oracle and how it differs from TF 1.15). One JSON line per program goes to
RESULTS.jsonl: {"file", "stdout", "events", "uncaught"} where `events` are the get_variable
outcomes of the calls written in the program (record.py's form) and `uncaught` is the first
line of an error the program did not catch (`ValueError: ...`), or null.
"""
import json
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from record import execute, load_tensorflow  # noqa: E402


def run(v1, vs, path):
    _, stdout, events, error = execute(v1, vs, path)
    uncaught = None
    if error is not None:  # the program's own error: recorded, the batch goes on
        e = error[0]
        first = str(e).splitlines()[0] if str(e) else ""
        uncaught = "%s: %s" % (type(e).__name__, first)
    return {"file": os.path.basename(path), "stdout": stdout, "events": events,
            "uncaught": uncaught}


def batch(v1, vs, folder, results):
    names = sorted(n for n in os.listdir(folder) if n.endswith(".py"))
    with open(results, "w", encoding="utf-8") as f:
        for n in names:
            f.write(json.dumps(run(v1, vs, os.path.abspath(os.path.join(folder, n)))) + "\n")


def main(argv):
    if argv == ["--serve"]:
        answer = sys.stdout
        v1, vs = load_tensorflow()
        for request in sys.stdin:
            folder, results = request.rstrip("\n").split("\t")
            batch(v1, vs, folder, results)
            answer.write("done\n")
            answer.flush()
        return 0
    if len(argv) != 2:
        print(__doc__, file=sys.stderr)
        return 2
    v1, vs = load_tensorflow()
    batch(v1, vs, argv[0], argv[1])
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
