//! The `kanbao` binary: argument parsing over the library.
fn main() {
    let issue = kanbao::loader::sample();
    for (i, a) in issue.articles.iter().enumerate() {
        println!("{:>3}  {}", i + 1, a.display_title());
    }
}
