//! The `kanbao` binary: everything lives in the library (`kanbao::cli`).
fn main() -> std::process::ExitCode {
    kanbao::cli::main()
}
