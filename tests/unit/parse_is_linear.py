#!/usr/bin/env python3
"""The parse layer's work grows linearly with the number of top-level
elements in one message: instructions inside xm_parse (valgrind's
callgrind, which counts the same on a busy machine as on an idle one) for
one message of 50,000 sibling elements against one of 10,000.

    parse_is_linear.py TEST_XMLMODEL

Linear work gives a ratio near 5; the old sibling list (a walk to the end
for every new element) gave about 25. Fails above 6.
"""

import os
import re
import subprocess
import sys
import tempfile

LIMIT = 6.0


def instructions_in_parse(test_binary, count, workdir):
    out = os.path.join(workdir, "callgrind.%d" % count)
    subprocess.run(["valgrind", "--tool=callgrind", "--callgrind-out-file=" + out, "--toggle-collect=xm_parse",
                    test_binary, "-m", "perf", "-p", "/xmlmodel/perf/siblings_%d" % count],
                   check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    with open(out) as f:
        return int(re.search(r"^totals: (\d+)", f.read(), re.M).group(1))


def main(argv):
    with tempfile.TemporaryDirectory() as workdir:
        small = instructions_in_parse(argv[1], 10000, workdir)
        large = instructions_in_parse(argv[1], 50000, workdir)
    ratio = large / small
    print("xm_parse: 10,000 siblings %d instructions, 50,000 siblings %d: ratio %.2f (linear: 5, limit %.0f)"
          % (small, large, ratio, LIMIT))
    return 0 if ratio <= LIMIT else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv))
