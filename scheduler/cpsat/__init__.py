"""CP-SAT backend: one function per rule (see ``rules``), lexicographic solving, explanations."""
