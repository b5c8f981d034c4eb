"""What the library says back: grounded answers and their verification, briefings, case history,
the handbook, questions about the pack itself, the prep sheet and presentation-mode views."""
