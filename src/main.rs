use clap::Parser;

fn main() {
    let cli = collective_security::cli::Cli::parse();
    std::process::exit(collective_security::cli::run(cli));
}
