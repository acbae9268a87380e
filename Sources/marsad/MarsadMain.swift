import ArgumentParser
import MarsadCLI

/// The executable's entry point: the commands live in MarsadCLI so that tests can run them in-process.
@main
enum MarsadMain {
    static func main() async {
        await Marsad.main(nil)
    }
}
