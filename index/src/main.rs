//! `trustdraft`: the command line over trustdraft's core.

fn main() -> std::process::ExitCode {
    trustdraft_cli::run(std::env::args_os())
}
