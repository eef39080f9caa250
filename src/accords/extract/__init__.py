"""The extraction stages, one module each. Each has `run(doc, lexicon) -> None` and two
constants: REQUIRES (what earlier stages must have put on the Doc) and ASSIGNS (what it puts
there). `pipeline.STAGES` fixes their order."""
