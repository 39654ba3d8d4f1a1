//! The `kanbao` binary: argument parsing over the library.
fn main() {
    let path = std::env::args().nth(1);
    let issue = match path {
        Some(p) => match kanbao::loader::load_path(std::path::Path::new(&p)) {
            Ok(i) => i,
            Err(e) => {
                eprintln!("kanbao: {e}");
                std::process::exit(1);
            }
        },
        None => kanbao::loader::sample(),
    };
    println!(
        "{}",
        serde_json::to_string_pretty(&issue).unwrap_or_default()
    );
}
