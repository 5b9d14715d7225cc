"""Apache Arrow's IPC stream format, read and written with the standard library only.

``ipc.StreamReader`` turns a stream into record batches of Python values (``arrays`` does the
per-type conversion); ``writer.write_stream`` encodes rows for a schema. ``flatbuffers`` and
``types`` handle the metadata (the Message, Schema, RecordBatch and DictionaryBatch tables of
Arrow's Message.fbs and Schema.fbs).
"""
