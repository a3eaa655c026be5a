"""Score a built warehouse against gold annotations (precision, recall, F1, date and status accuracy)."""
