"""Renderers: DOT, SVG, PNG and node-link JSON diagrams of a graph, laid out by Graphviz.

- :mod:`graphscope.render.graphviz` runs the ``dot`` binary;
- :mod:`graphscope.render.export` holds the public functions (``to_dot``, ``to_svg``,
  ``export``, ``to_node_link``).
"""
