"""Finesse REST requests linked to the notifications they caused, on
finesse-rest.pcapng (prosody + Strophe.js, and the desktop's REST PUTs to a
stand-in for Finesse's REST API on 127.0.0.1:8082; see
test-captures/make/prosody-strophe/NOTES.md)."""

import unittest

from harness import fields, frames

CAP = "finesse-rest.pcapng"
READY_PUT, READY_UPDATE = 28, 32
TALKING_PUT, API_ERROR_UPDATE = 34, 37
NOT_READY_PUT = 39                     # 202, but no Update ever carries its requestId
UNSOLICITED_UPDATE = 42
REQUEST_IDS = ["c0ffee00-0000-4000-8000-000000000001", "c0ffee00-0000-4000-8000-000000000002",
               "c0ffee00-0000-4000-8000-000000000003"]
LINK_FIELDS = ["frame.number", "finesse.rest.request_id", "finesse.rest.update_in", "finesse.rest_request_in",
               "finesse.request_id"]


class RestLinks(unittest.TestCase):
    def test_every_rest_request_and_update_with_a_request_id(self):
        rows = fields(CAP, LINK_FIELDS, "finesse.rest.request_id or finesse.request_id", extra=["-2"])
        self.assertEqual(rows, [
            [str(READY_PUT), REQUEST_IDS[0], str(READY_UPDATE), "", ""],
            [str(READY_UPDATE), "", "", str(READY_PUT), REQUEST_IDS[0]],
            [str(TALKING_PUT), REQUEST_IDS[1], str(API_ERROR_UPDATE), "", ""],
            [str(API_ERROR_UPDATE), "", "", str(TALKING_PUT), REQUEST_IDS[1]],
            [str(NOT_READY_PUT), REQUEST_IDS[2], "", "", ""],
            [str(UNSOLICITED_UPDATE), "", "", "", ""],
        ])

    def test_unconfirmed_request_gets_an_expert(self):
        self.assertEqual(frames(CAP, "finesse.expert.rest_no_update", extra=["-2"]), [NOT_READY_PUT])
        message = fields(CAP, ["_ws.expert.message"], "finesse.expert.rest_no_update", extra=["-2"])[0][0]
        self.assertIn("No Finesse Update in this capture carries requestId " + REQUEST_IDS[2], message)

    def test_one_pass_links_updates_back_but_judges_no_request(self):
        # Without -2 a request cannot know what comes after it.
        rows = fields(CAP, LINK_FIELDS, "finesse.rest.request_id or finesse.rest_request_in")
        self.assertEqual([r[:4] for r in rows], [
            [str(READY_PUT), REQUEST_IDS[0], "", ""],
            [str(READY_UPDATE), "", "", str(READY_PUT)],
            [str(TALKING_PUT), REQUEST_IDS[1], "", ""],
            [str(API_ERROR_UPDATE), "", "", str(TALKING_PUT)],
            [str(NOT_READY_PUT), REQUEST_IDS[2], "", ""],
        ])
        self.assertEqual(frames(CAP, "finesse.expert.rest_no_update"), [])

    def test_rest_bodies_are_still_xml(self):
        # The request body goes on to Wireshark's XML dissector unchanged.
        rows = fields(CAP, ["frame.number", "_ws.col.Protocol", "xml.tag"], "http.request.method == \"PUT\"")
        self.assertEqual([r[0] for r in rows], [str(READY_PUT), str(TALKING_PUT), str(NOT_READY_PUT)])
        for row in rows:
            self.assertEqual(row[1], "HTTP/XML")
            self.assertIn("<state>", row[2])

    def test_requests_without_the_header_are_left_alone(self):
        # The WebSocket upgrade is an HTTP request too, without requestId.
        self.assertEqual(frames(CAP, "http.request && !finesse"), [4])


if __name__ == "__main__":
    unittest.main()
