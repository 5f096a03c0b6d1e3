"""Pure functions over an ArgumentMap (no Qt): semantics, checks, layout, diff, merge."""
