"""`accords watch`: following sources as they publish, incremental linking, alerts."""
