"""Everything Qt: the window, the canvas, the docks and the undo commands."""
