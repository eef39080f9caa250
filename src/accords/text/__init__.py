"""Text handling: normalisation with an offset map, language identification, sentences."""
