"""The managers' digest: figures from SQL aggregates, charts, mail, schedule, report."""
