from accords.cli import run

run()
