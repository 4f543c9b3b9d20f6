#!/usr/bin/env python3
"""Checks the plugin's layering from its sources (tests/CMakeLists.txt runs
it as architecture.layers):

  - every #include "x.h" of a file in plugin/<layer>/ names a header of its
    own layer or of a layer it may use (the build enforces the same through
    include directories; this names the offending line);
  - so the layers depend on each other one way, without cycles;
  - no file reads other dissectors' private state (http_conv_t,
    struct tcp_analysis, prefs-int.h);
  - the layers below finesse never name the product (no "Finesse" in parse,
    core, xmpp, transport);
  - every document a source file cites (docs/...) is in the repository;
  - the programs beside the plugin that reuse its layers (TOOLS: redact/,
    xmppws-redact) include, besides their own headers, only the layers they
    may use, and no epan header (they link wiretap and wsutil, not epan).

Prints what it found and exits 1 on the first kind of problem it meets.
"""

import os
import re
import sys

TOP = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
PLUGIN = os.path.join(TOP, "plugin")

# Who may include whom (besides itself); plugin.c (the top folder) may
# include every layer.
MAY_USE = {
    "parse": set(),
    "core": {"parse"},
    "xmpp": {"core", "parse"},
    "transport": {"core", "parse"},
    "finesse": {"xmpp", "core", "parse"},
    "views": {"core", "parse"},
}
PRODUCT_NEUTRAL = ["parse", "core", "xmpp", "transport", "views"]
PRIVATE = re.compile(r"\bhttp_conv_t\b|\btcp_analysis\b|prefs-int\.h")
LOCAL_INCLUDE = re.compile(r'^\s*#\s*include\s+"([^"]+)"', re.M)
CITED_DOC = re.compile(r"\b(docs/[\w./-]+\.md)\b")
# Folders beside plugin/ that are their own layer on top of the plugin's
# parse layer: what each may use. A quoted include names the folder's own
# header first (as the compiler looks there first), then a plugin layer's.
TOOLS = {
    "redact": {"parse"},
}
EPAN_INCLUDE = re.compile(r'^\s*#\s*include\s+[<"]epan/', re.M)


def sources():
    for layer in MAY_USE:
        folder = os.path.join(PLUGIN, layer)
        for name in sorted(os.listdir(folder)):
            if name.endswith((".c", ".h")):
                yield layer, os.path.join(folder, name)


def header_layers():
    """Header name -> the layer that has it (names are unique across layers)."""
    where = {}
    for layer, path in sources():
        name = os.path.basename(path)
        if name.endswith(".h"):
            if name in where:
                sys.exit("header %s is in two layers: %s and %s" % (name, where[name], layer))
            where[name] = layer
    return where


def layer_dependencies(where):
    """The layer -> layers edges the includes make; problems for includes a layer may not make."""
    edges, problems = {layer: set() for layer in MAY_USE}, []
    for layer, path in sources():
        text = open(path, encoding="utf-8").read()
        for header in LOCAL_INCLUDE.findall(text):
            used = where.get(os.path.basename(header))
            if used is None:
                continue                          # version.h (generated)
            if used != layer:
                edges[layer].add(used)
                if used not in MAY_USE[layer]:
                    problems.append("%s includes %s (layer %s): %s may use only %s" % (
                        os.path.relpath(path, TOP), header, used, layer, sorted(MAY_USE[layer]) or "nothing"))
    return edges, problems


def tool_problems(where):
    """Includes of a tool folder that name a plugin layer it may not use, or epan."""
    problems = []
    for tool, allowed in TOOLS.items():
        folder = os.path.join(TOP, tool)
        names = sorted(n for n in os.listdir(folder) if n.endswith((".c", ".h")))
        own = {n for n in names if n.endswith(".h")}
        used = set()
        for name in names:
            path = os.path.join(folder, name)
            text = open(path, encoding="utf-8").read()
            rel = os.path.relpath(path, TOP)
            for header in LOCAL_INCLUDE.findall(text):
                if os.path.basename(header) in own:
                    continue
                layer = where.get(os.path.basename(header))
                if layer is None:
                    continue                      # generated (version.h)
                used.add(layer)
                if layer not in allowed:
                    problems.append("%s includes %s (layer %s): %s/ may use only %s" % (
                        rel, header, layer, tool, sorted(allowed)))
            if EPAN_INCLUDE.search(text):
                problems.append("%s includes an epan header: %s/ does not use epan" % (rel, tool))
            for m in PRIVATE.finditer(text):
                problems.append("%s names another dissector's private state: %s" % (rel, m.group(0)))
            for doc in set(CITED_DOC.findall(text)):
                if not os.path.exists(os.path.join(TOP, doc)):
                    problems.append("%s cites %s, which is not in the repository" % (rel, doc))
        print("%-10s uses %s (its own folder beside plugin/)" % (tool + "/", ", ".join(sorted(used)) or "no layer"))
    return problems


def has_cycle(edges):
    state = {}

    def visit(node):
        if state.get(node) == "open":
            return True
        if state.get(node) == "done":
            return False
        state[node] = "open"
        if any(visit(n) for n in edges[node]):
            return True
        state[node] = "done"
        return False

    return any(visit(n) for n in edges)


def all_plugin_files():
    for root, _, files in os.walk(PLUGIN):
        for name in files:
            if name.endswith((".c", ".h", ".in", ".txt")):
                yield os.path.join(root, name)


def main():
    where = header_layers()
    edges, problems = layer_dependencies(where)
    for layer in MAY_USE:
        print("%-10s uses %s" % (layer, ", ".join(sorted(edges[layer])) or "no other layer"))
    problems += tool_problems(where)
    if has_cycle(edges):
        problems.append("the layers include each other in a cycle: %s" % edges)
    for path in all_plugin_files():
        text = open(path, encoding="utf-8").read()
        rel = os.path.relpath(path, TOP)
        for m in PRIVATE.finditer(text):
            problems.append("%s names another dissector's private state: %s" % (rel, m.group(0)))
        for doc in set(CITED_DOC.findall(text)):
            if not os.path.exists(os.path.join(TOP, doc)):
                problems.append("%s cites %s, which is not in the repository" % (rel, doc))
    for layer in PRODUCT_NEUTRAL:
        for _, path in [s for s in sources() if s[0] == layer]:
            for n, line in enumerate(open(path, encoding="utf-8"), 1):
                if re.search(r"finesse", line, re.I):
                    problems.append("%s:%d names the product in a product-neutral layer: %s" % (
                        os.path.relpath(path, TOP), n, line.strip()))
    for p in problems:
        print("!! " + p)
    print("%d problems" % len(problems))
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
