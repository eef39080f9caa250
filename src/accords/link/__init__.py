"""Cross-document work: stories (one real event, many reports) and follow-up of promises."""
