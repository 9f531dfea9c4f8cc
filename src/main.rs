fn main() -> std::process::ExitCode {
    asst::main()
}
