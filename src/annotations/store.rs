//! Store (stub).
