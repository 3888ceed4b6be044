//! `estimate`: the command-line front end of solatium. It wires arguments to the library and
//! maps outcomes to exit codes; the calculation lives in the library.
#![forbid(unsafe_code)]

mod cli;

/// mimalloc: batch output allocates many short-lived strings; glibc malloc cost ~40% of a run.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> std::process::ExitCode {
    cli::main()
}
