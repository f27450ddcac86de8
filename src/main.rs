fn main() {
    std::process::exit(aiotutor::cli::main());
}
