//! Export formats (stub).
