"""docs/fields.md must be exactly what the built plugin registers
(tshark -G fields / -G values / -G defaultprefs through tools/gen-fields-doc.py)."""

import difflib
import importlib.util
import os
import unittest

from harness import run_tshark

TOP = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
DOC = os.path.join(TOP, "docs", "fields.md")


def _generator():
    spec = importlib.util.spec_from_file_location("gen_fields_doc", os.path.join(TOP, "tools", "gen-fields-doc.py"))
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


class FieldsReference(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.generated = _generator().render(run_tshark)
        with open(DOC, encoding="utf-8") as f:
            cls.checked_in = f.read()

    def test_checked_in_reference_matches_the_built_plugin(self):
        if self.generated != self.checked_in:
            diff = "".join(difflib.unified_diff(self.checked_in.splitlines(True), self.generated.splitlines(True),
                                                "docs/fields.md", "what the built plugin registers", n=1))
            build = os.path.dirname(os.path.abspath(os.environ["XMPPWS_PLUGIN_DIR"]))
            self.fail("docs/fields.md is out of date. Regenerate it with one command:\n"
                      "    tools/gen-fields-doc.py --build %s\n%s" % (build, diff[:6000]))

    def test_reference_lists_the_contract_fields_with_their_types(self):
        # Read back from the generated text, so a broken parser can't pass.
        for line in ["| `xmppws.session.jid` | FT_STRING |", "| `xmppws.pubsub.node` | FT_STRING |",
                     "| `xmppws.response_in` | FT_FRAMENUM |", "| `finesse.user.state` | FT_STRING |",
                     "| `finesse.user.id` | FT_STRING |", "| `finesse.system.status` | FT_STRING |",
                     "| `xmppws.expert.malformed` | Malformed XML |"]:
            self.assertIn(line, self.generated)
        self.assertIn("1 = Client to server; 2 = Server to client", self.generated)
        self.assertIn("| `xmppws.show_secrets` | `FALSE` | TRUE or FALSE (case-insensitive) |", self.generated)
        self.assertNotIn("| `xmpp.", self.generated)     # the built-in XMPP dissector is not ours

    def test_every_registered_field_is_listed_once(self):
        names = [line.split("\t")[2] for line in run_tshark(["-G", "fields"]).splitlines()
                 if line.startswith("F\t") and line.split("\t")[2].startswith(("xmppws.", "finesse."))]
        self.assertGreater(len(names), 150)
        for name in names:
            self.assertEqual(self.generated.count("| `%s` |" % name), 1, name)


if __name__ == "__main__":
    unittest.main()
