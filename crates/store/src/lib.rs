//! Store (placeholder until written).
