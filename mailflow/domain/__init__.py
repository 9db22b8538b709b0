"""The pure domain core: typed values in, typed values out, no I/O, no clock reads."""
