//! The `kanbao` binary: everything lives in the library (`kanbao::cli`).
fn main() -> std::process::ExitCode {
    kanbao::lang::init_from_env();
    kanbao::cli::main()
}
