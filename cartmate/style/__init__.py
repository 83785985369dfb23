"""Style learning: uploaded photos validated, analysed offline, and folded into a profile."""
