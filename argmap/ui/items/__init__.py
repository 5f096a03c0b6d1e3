"""Canvas items: cards for claims, arrows for relations, frames for groups."""
