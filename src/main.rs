use clap::Parser;

fn main() {
    let started = std::time::Instant::now();
    let cli = collective_security::cli::Cli::parse();
    std::process::exit(collective_security::cli::run(cli, started));
}
