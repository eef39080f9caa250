"""The batch job: the same pipeline over many inputs, on every local core or on Apache Spark,
written as Parquet datasets partitioned by month.

    plan.py     inputs cut into chunks (the unit of work and of resumption)
    read.py     a chunk's Articles, through the ingest readers
    tables.py   an Extraction as rows of the five datasets, and back
    chunks.py   the output folder: chunks written atomically, the manifest of done chunks
    (accords.jobs.chunk: one chunk read, extracted, written, the function both engines run)
    stories.py  stories linked in blocks of side pair and week, never all pairs
    datasets.py the datasets from the chunks' rows: stories set, one file per month
    local.py    the engine on local processes
    spark.py    the engine on PySpark
    load.py     the result loaded into the store (SQLite or PostgreSQL)
    batch.py    the job from start to summary
"""
