//! `estimate`: the command-line front end of solatium. It wires arguments to the library and
//! maps outcomes to exit codes; the calculation lives in the library.
#![forbid(unsafe_code)]

mod cli;

fn main() -> std::process::ExitCode {
    cli::main()
}
