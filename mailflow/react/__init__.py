"""react stage."""
