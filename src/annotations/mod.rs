//! Annotations: passages a reader marked, with tags and a note, stored in sidecar files next
//! to the corpus, re-anchored when the article changes, and exported.
