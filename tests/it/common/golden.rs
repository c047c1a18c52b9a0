//! Golden files: an export compared byte for byte with `tests/golden/NAME`;
//! `UPDATE_GOLDEN=1` writes them instead (read every diff before committing).
#![allow(clippy::unwrap_used, clippy::expect_used, dead_code)]

use std::path::Path;

/// Asserts that `actual` is the golden file `name`, or writes it when asked.
pub fn golden(name: &str, actual: &str) {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/golden")
        .join(name);
    if std::env::var_os("UPDATE_GOLDEN").is_some() {
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, actual).unwrap();
    }
    let expected = std::fs::read_to_string(&path)
        .unwrap_or_else(|_| panic!("{} is missing; run with UPDATE_GOLDEN=1", path.display()));
    assert!(
        expected == actual,
        "{name} differs from its golden file:\n{actual}"
    );
}
