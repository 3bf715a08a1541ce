use clap::Parser;

fn main() {
    let started = std::time::Instant::now();
    let cli = collective_security::cli::Cli::parse();
    collective_security::game::capture::set_started(started);
    std::process::exit(collective_security::cli::run(cli));
}
