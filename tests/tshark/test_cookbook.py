"""Every display filter of the triage cookbook in docs/user-guide.md, run on
the capture the guide names, must return exactly the frames the guide says.

The guide's cookbook lines have one form, which this test reads:

    - `FILTER` on `CAPTURE`: frames 11, 12 — what they are
    - `FILTER` on `CAPTURE` with `-2`: frame 34 — ...
    - `FILTER` on `CAPTURE`: no frames — ...
"""

import os
import re
import unittest

from harness import frames

GUIDE = os.path.join(os.path.dirname(__file__), "..", "..", "docs", "user-guide.md")
ENTRY = re.compile(r"^- `(?P<filter>[^`]+)` on `(?P<capture>[^`]+)`(?: with `(?P<opts>[^`]+)`)?: "
                   r"(?:frames? (?P<frames>\d+(?:, \d+)*)|(?P<none>no frames))(?: |$)")


def cookbook_lines():
    with open(GUIDE, encoding="utf-8") as f:
        text = f.read()
    start = text.index("\n## Triage cookbook")
    end = text.find("\n## ", start + 1)
    section = text[start:end if end != -1 else len(text)]
    return [line for line in section.splitlines() if line.startswith("- `")]


class Cookbook(unittest.TestCase):
    def test_every_line_is_an_entry(self):
        lines = cookbook_lines()
        self.assertGreaterEqual(len(lines), 20)
        for line in lines:
            self.assertRegex(line, ENTRY)

    def test_every_filter_returns_the_documented_frames(self):
        checked = 0
        for line in cookbook_lines():
            m = ENTRY.match(line)
            if not m:
                continue        # reported by test_every_line_is_an_entry
            expected = [] if m.group("none") else [int(n) for n in m.group("frames").split(", ")]
            extra = m.group("opts").split() if m.group("opts") else []
            with self.subTest(filter=m.group("filter"), capture=m.group("capture")):
                self.assertEqual(frames(m.group("capture"), m.group("filter"), extra), expected)
                checked += 1
        self.assertGreaterEqual(checked, 20)


if __name__ == "__main__":
    unittest.main()
