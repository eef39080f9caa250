"""The extraction stages, one module each. Each has `run(doc, lexicon) -> None` and two
constants: REQUIRES (the Doc's fields it reads, beyond the article and its text) and ASSIGNS
(those it changes; `events.date`: an attribute of the events another stage made).
`pipeline.STAGES` fixes their order; tests/test_stages.py runs each on a Doc that records
what it reads and compares what it changed, so the declarations cannot drift from the code."""
