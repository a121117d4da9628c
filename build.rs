//! Build script: the engine fingerprint.
//!
//! The corpus index re-analyses an article when what made its analysis changed. The
//! configuration is hashed at run time; the engine itself (its code, its gazetteers and
//! models, the corrections it applies, the way articles are split) is hashed here, at build
//! time, so nobody has to remember to bump a version by hand when a change alters findings.
//! The hash covers the bytes of every file under the folders below, with their paths.

use std::fs;
use std::path::{Path, PathBuf};

/// What the analysis of an article depends on, besides the configuration.
const ENGINE_INPUTS: [&str; 4] = ["src/analysis", "src/corrections", "src/corpus", "data"];

fn files_under(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            files_under(&path, out);
        } else {
            out.push(path);
        }
    }
}

/// FNV-1a, 64 bits: stable across compilers and platforms (std's hasher is not).
fn fnv(hash: &mut u64, bytes: &[u8]) {
    for &b in bytes {
        *hash ^= u64::from(b);
        *hash = hash.wrapping_mul(0x0100_0000_01b3);
    }
}

fn main() {
    let mut files = Vec::new();
    for dir in ENGINE_INPUTS {
        println!("cargo:rerun-if-changed={dir}");
        files_under(Path::new(dir), &mut files);
    }
    files.sort();
    let mut hash = 0xcbf2_9ce4_8422_2325_u64;
    for f in &files {
        fnv(&mut hash, f.to_string_lossy().replace('\\', "/").as_bytes());
        fnv(&mut hash, &[0]);
        if let Ok(bytes) = fs::read(f) {
            fnv(&mut hash, &bytes);
        }
        fnv(&mut hash, &[0]);
    }
    println!("cargo:rustc-env=NEWSLENS_ENGINE_FINGERPRINT={hash:016x}");
}
