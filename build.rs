//! Embeds every rules/*.toml into the binary, so `estimate` works with no files on disk.
//! The list is generated here so that no jurisdiction's name has to be written in Rust.
use std::{env, fs, path::Path};

fn main() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("rules");
    println!("cargo:rerun-if-changed={}", dir.display());
    let mut names: Vec<String> = fs::read_dir(&dir)
        .map(|rd| {
            rd.filter_map(|e| e.ok())
                .map(|e| e.file_name().to_string_lossy().into_owned())
                .filter(|n| n.ends_with(".toml"))
                .collect()
        })
        .unwrap_or_default();
    names.sort();
    // a binary without its rules would fail on every case at run time: fail the build instead
    assert!(
        names.iter().any(|n| n == "regions.toml") && names.len() > 1,
        "no rule files found in {} (need regions.toml and the jurisdictions' files)",
        dir.display()
    );
    let mut out = String::from("/// Every embedded rule file: (file name, contents).\npub static EMBEDDED: &[(&str, &str)] = &[\n");
    for n in &names {
        println!("cargo:rerun-if-changed={}", dir.join(n).display());
        out += &format!(
            "    ({n:?}, include_str!({:?})),\n",
            dir.join(n).display().to_string()
        );
    }
    out += "];\n";
    let dest = Path::new(&env::var("OUT_DIR").expect("OUT_DIR")).join("embedded_rules.rs");
    fs::write(dest, out).expect("write embedded_rules.rs");
}
