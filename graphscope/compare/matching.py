"""Pair the nodes (and functions) of two graphs: by name, then optionally by structure.

Structure matching pairs what name matching left over in three steps, each pairing only
nodes of the same op and only when the pairing is unambiguous (one candidate each side):

1. names equal once a scope prefix added or dropped as a whole (``import/``) is set
   aside, then also once ``_N`` suffixes are stripped from every component
   (``dense_1`` -> ``dense``);
2. nodes whose inputs are all paired, with the same inputs (source nodes: the same attrs);
3. nodes whose consumers are all paired, with the same consumers;
4. nodes in the same place in both graphs' structure: equal colours after
   Weisfeiler-Lehman refinement over op, inputs and consumers, the finest round first.

Steps 2 and 3 propagate: each pairing can make its neighbours' keys complete; they run
again after each round of step 4.
"""

import re
from collections import Counter

_UID_SUFFIX = re.compile(r"_\d+$")


def _without_prefix(name: str, prefix: str) -> str:
    return name[len(prefix):] if prefix and name.startswith(prefix) else name


def normal_name(name: str, prefix: str = "") -> str:
    """``name`` without ``prefix`` and without ``_N`` suffixes on its components.

    >>> normal_name("import/dense_1/MatMul_2", "import/")
    'dense/MatMul'
    """
    return "/".join(_UID_SUFFIX.sub("", part) for part in _without_prefix(name, prefix).split("/"))


def moved_prefix(removed, added) -> tuple:
    """``(old_prefix, new_prefix)``: the top-level scope most names gained (or lost).

    >>> moved_prefix(["x", "y/read"], ["import/x", "import/y/read", "z"])
    ('', 'import/')
    """
    def heads(longer, shorter):
        targets = {normal_name(name) for name in shorter}
        return Counter(name.partition("/")[0] + "/" for name in longer
                       if "/" in name and normal_name(name.partition("/")[2]) in targets)

    gained, lost = heads(added, removed), heads(removed, added)
    best_gained = gained.most_common(1)[0] if gained else ("", 0)
    best_lost = lost.most_common(1)[0] if lost else ("", 0)
    return ("", best_gained[0]) if best_gained[1] >= best_lost[1] else (best_lost[0], "")


def pair_unique(old_keys: dict, new_keys: dict) -> dict:
    """Old name -> new name for the keys that exactly one name holds on each side.

    >>> pair_unique({"a": 1, "b": 2, "c": 2}, {"x": 1, "y": 2})
    {'a': 'x'}
    """
    def owners(keys):
        found = {}
        for name, key in keys.items():
            found.setdefault(key, []).append(name)
        return found

    new_owners = owners(new_keys)
    return {olds[0]: new_owners[key][0] for key, olds in owners(old_keys).items()
            if len(olds) == 1 and len(new_owners.get(key, ())) == 1}


def _attr_fingerprint(node_def, ignore_attrs) -> tuple:
    return tuple((key, node_def.attr[key].SerializeToString(deterministic=True))
                 for key in sorted(node_def.attr) if key not in ignore_attrs)


def _input_key(graph, name, to_old, ignore_attrs):
    """``(op, inputs)`` with every producer as its old-graph name; ``None`` while one is
    unpaired. A node with no inputs is keyed by its attrs instead."""
    position = graph.position(name)
    node_def = graph.node_defs[position]
    refs = graph.input_refs(position)
    if not refs:
        return node_def.op, _attr_fingerprint(node_def, ignore_attrs)
    inputs = []
    for ref in refs:
        producer = to_old(ref.node)
        if producer is None:
            return None
        inputs.append((producer, ref.output, ref.control, ref.output_arg))
    return node_def.op, tuple(inputs)


def _consumer_key(graph, name, to_old, ignore_attrs):
    """``(op, consumers)``: every ``(consumer, input slot)`` with the consumer's old-graph
    name; ``None`` while a consumer is unpaired or when nothing reads the node."""
    consumers = [(to_old(graph.names[i]), slot) for i, slot in graph.consumer_slots(name)]
    if not consumers or any(consumer is None for consumer, _ in consumers):
        return None
    return graph.node_def(name).op, frozenset(consumers)


def _consumer_names(graph, name):
    return [graph.names[i] for i in graph.consumer_indices(name)]


def _producer_names(graph, name):
    return [ref.node for ref in graph.input_refs(graph.position(name)) if ref.node in graph]


def _propagate(old, new, pairs, key_of, neighbours, ignore_attrs) -> bool:
    """Pair unpaired nodes with equal complete keys, until no pairing is added; the
    keys of a new pairing's ``neighbours`` are computed again. True if any was added.

    A complete key never changes (pairings are final), so each node is keyed once and
    each round looks only at the keys it touched."""
    reverse = {b: a for a, b in pairs.items()}
    sides = ((old, {}, {}, lambda n: n if n in pairs else None),
             (new, {}, {}, reverse.get))  # graph, name -> key, key -> names, to old name
    dirty = ([name for name in old.names if name not in pairs],
             [name for name in new.names if name not in reverse])
    added = False
    while dirty[0] or dirty[1]:
        touched = set()
        for (graph, key_of_name, owners, to_old), names in zip(sides, dirty):
            for name in names:
                if name in key_of_name:
                    continue
                key = key_of(graph, name, to_old, ignore_attrs)
                if key is not None:
                    key_of_name[name] = key
                    owners.setdefault(key, set()).add(name)
                    touched.add(key)
        dirty = ([], [])
        old_owners, new_owners = sides[0][2], sides[1][2]
        for key in touched:
            olds, news = old_owners.get(key, ()), new_owners.get(key, ())
            if len(olds) != 1 or len(news) != 1:
                continue
            (a,), (b,) = olds, news
            pairs[a], reverse[b] = b, a
            olds.clear()
            news.clear()
            dirty[0].extend(n for n in neighbours(old, a) if n not in pairs)
            dirty[1].extend(n for n in neighbours(new, b) if n not in reverse)
            added = True
    return added


REFINEMENT_ROUNDS = 3


def refined_colours(graphs, rounds=REFINEMENT_ROUNDS) -> list:
    """Per graph, per round, node name -> colour (an int). Round 0 colours by op; each
    later round by the node's colour, its inputs' and its consumers' (with slots). Colours
    are shared by the graphs, so nodes alike in structure get equal colours in both.

    >>> import graphscope
    >>> g = graphscope.load("sample_graphs/neuron/neuron.pb")
    >>> first, second = refined_colours([g, g], rounds=2)
    >>> first[2] == second[2], first[0]["input"] == first[0]["correct_value"]
    (True, True)
    """
    palette = {}
    current = [{name: palette.setdefault(node_def.op, len(palette))
                for name, node_def in zip(graph.names, graph.node_defs)} for graph in graphs]
    history = [[colours] for colours in current]
    for _ in range(rounds):
        for graph, colours, past in zip(graphs, current, history):
            refined = {}
            for i, name in enumerate(graph.names):
                inputs = tuple((colours.get(ref.node, -1), ref.output, ref.control)
                               for ref in graph.input_refs(i))
                consumers = tuple(sorted((colours[graph.names[j]], slot)
                                         for j, slot in graph.consumer_slots(name)))
                refined[name] = palette.setdefault((colours[name], inputs, consumers), len(palette))
            past.append(refined)
        current = [past[-1] for past in history]
    return history


def _propagate_all(old, new, pairs, ignore_attrs):
    while (_propagate(old, new, pairs, _input_key, _consumer_names, ignore_attrs)
           | _propagate(old, new, pairs, _consumer_key, _producer_names, ignore_attrs)):
        pass


def match_nodes(old, new, *, structure=False, ignore_attrs=()) -> dict:
    """Old node name -> new node name for the nodes taken to be the same node.

    >>> import graphscope
    >>> g = graphscope.load("sample_graphs/neuron/neuron.pb")
    >>> len(match_nodes(g, g)) == len(g)
    True
    """
    pairs = {name: name for name in old.names if name in new}
    if not structure:
        return pairs
    removed = [name for name in old.names if name not in pairs]
    added = [name for name in new.names if name not in old]
    old_prefix, new_prefix = moved_prefix(removed, added)
    for normal in (_without_prefix, normal_name):
        unpaired_new = set(new.names) - set(pairs.values())
        pairs.update(pair_unique(
            {name: (normal(name, old_prefix), old.node_def(name).op) for name in removed
             if name not in pairs},
            {name: (normal(name, new_prefix), new.node_def(name).op) for name in added
             if name in unpaired_new}))
    ignore_attrs = frozenset(ignore_attrs)
    _propagate_all(old, new, pairs, ignore_attrs)
    if len(pairs) == min(len(old), len(new)):
        return pairs
    old_colours, new_colours = refined_colours([old, new])
    for old_round, new_round in reversed(list(zip(old_colours, new_colours))):
        paired_new = set(pairs.values())
        found = pair_unique({name: c for name, c in old_round.items() if name not in pairs},
                            {name: c for name, c in new_round.items() if name not in paired_new})
        if found:
            pairs.update(found)
            _propagate_all(old, new, pairs, ignore_attrs)
    return pairs


def match_functions(old_names, new_names, *, structure=False) -> dict:
    """Old function name -> new function name: equal names, and with ``structure``
    names equal once TensorFlow's ``_N`` uid suffix is stripped.

    >>> match_functions(["__inference_f_12", "g"], ["__inference_f_40", "g"], structure=True)
    {'g': 'g', '__inference_f_12': '__inference_f_40'}
    """
    new_set = set(new_names)
    pairs = {name: name for name in old_names if name in new_set}
    if structure:
        pairs.update(pair_unique(
            {name: _UID_SUFFIX.sub("", name) for name in old_names if name not in pairs},
            {name: _UID_SUFFIX.sub("", name) for name in new_names if name not in pairs.values()}))
    return pairs
