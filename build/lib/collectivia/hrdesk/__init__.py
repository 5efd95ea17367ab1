"""Questions RH: cited answers from the texts, honest abstention, hand-over to HR, FAQ, feedback."""
