"""Modal screens of the explorer: help, and pickers (go to node, op type, function)."""
