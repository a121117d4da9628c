//! Gazetteers of known names loaded from the bundled `data/` files.
