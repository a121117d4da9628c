//! Corrections as W3C Web Annotations, so other tools can see what the analyst changed:
//! motivation `classifying` (kinds, theme evidence) or `editing` (the rest), a TextualBody
//! saying the change in words, the correction itself under `newslens:correction`, and a
//! target: the passage (quote and code-point position, re-anchored in the current text) for
//! corrections about a passage, else the article, else the corpus folder (`./`).

use super::Correction;
use super::store::CorrectionStore;
use crate::annotations::formats::{W3C_CONTEXT, source_of};
use crate::annotations::{anchor, byte_to_char};
use crate::corpus::Article;
use serde_json::{Value, json};
use std::collections::BTreeMap;
use std::path::PathBuf;

/// The motivations corrections are exported with; an import skips annotations that carry one
/// with a `newslens:correction` (they are not notes).
pub const MOTIVATIONS: [&str; 2] = ["editing", "classifying"];

/// Whether a W3C annotation is a newslens correction.
pub fn is_correction(v: &Value) -> bool {
    v.get("newslens:correction").is_some()
        || v.get("motivation")
            .and_then(Value::as_str)
            .is_some_and(|m| MOTIVATIONS.contains(&m))
}

/// Every correction of the folders of `articles`, as W3C annotations. Read-only.
pub fn annotations(articles: &[Article]) -> Vec<Value> {
    let mut roots: BTreeMap<PathBuf, Vec<&Article>> = BTreeMap::new();
    for a in articles {
        roots.entry(a.root.to_path_buf()).or_default().push(a);
    }
    let mut out = Vec::new();
    for (root, arts) in roots {
        let (store, _) = CorrectionStore::load(&root);
        for c in &store.corrections().list {
            let article = c
                .article
                .as_deref()
                .and_then(|id| arts.iter().find(|a| a.id == id).copied());
            out.push(one(c, article));
        }
    }
    out
}

fn one(c: &Correction, article: Option<&Article>) -> Value {
    let target = match (article, c.change.passage()) {
        (Some(a), Some(t)) => {
            let mut selector = vec![json!({
                "type": "TextQuoteSelector",
                "exact": t.exact, "prefix": t.prefix, "suffix": t.suffix,
            })];
            if let Some((span, _)) = anchor::place(&a.body, t) {
                selector.push(json!({
                    "type": "TextPositionSelector",
                    "start": byte_to_char(&a.body, span.start),
                    "end": byte_to_char(&a.body, span.end),
                }));
            }
            json!({"source": source_of(a), "selector": selector})
        }
        (Some(a), None) => json!({"source": source_of(a)}),
        // The article is gone from the corpus: keep naming it by id.
        (None, _) if c.article.is_some() => json!({"source": c.article}),
        (None, _) => json!({"source": "./"}),
    };
    json!({
        "@context": W3C_CONTEXT,
        "id": format!("urn:uuid:{}", c.id),
        "type": "Annotation",
        "motivation": c.change.motivation(),
        "created": c.created,
        "body": [{
            "type": "TextualBody",
            "purpose": c.change.motivation(),
            "value": c.change.to_string(),
            "format": "text/plain",
        }],
        "target": target,
        "newslens:correction": serde_json::to_value(c).unwrap_or(Value::Null),
    })
}
