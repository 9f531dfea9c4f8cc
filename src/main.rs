fn main() -> std::process::ExitCode {
    asst::app::main()
}
