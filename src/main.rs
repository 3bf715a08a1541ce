#[cfg(not(target_arch = "wasm32"))]
fn main() {
    use clap::Parser;
    let started = std::time::Instant::now();
    let cli = collective_security::cli::Cli::parse();
    std::process::exit(collective_security::cli::run(cli, started));
}

/// In a browser page there is no command line: the page's address says what to open.
#[cfg(target_arch = "wasm32")]
fn main() {
    collective_security::game::run(collective_security::game::web::options_from_page());
}
